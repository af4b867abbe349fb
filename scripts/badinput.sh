#!/usr/bin/env bash
# badinput.sh — end-to-end sweep of youjun against bad input (issue 9).
#
# Builds youjun, then runs each case in a fresh copy of an example site (the repo root or
# examples/hunan) that already holds a built output/. For every case it checks:
#   - the exit code (0/1/2; 2 only for usage errors);
#   - the message (a Chinese pattern naming the problem), and no raw English from Go or libraries;
#   - nothing changed outside output/ (the site and its parent folder are snapshotted with find -printf),
#     and on failure nothing changed at all (the previous output/ is intact);
#   - no NaN/Inf in the generated pages, CSV, JSON, XLSX and PDF text;
#   - wall time ≤ 10 s and max RSS ≤ 1 GB (unless the case is marked big).
# Prints "PASS/FAIL case — reason" per case; exits 1 if any case failed.
# Developer tool, not run by CI. Needs python3, curl, pdftotext, /usr/bin/time, unzip.
#
# Usage: [KEEP=1] scripts/badinput.sh [pattern]   (pattern: run only cases whose name contains it;
# KEEP=1 keeps the temp folder, with each case's output in o/NAME)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d /tmp/youjun-badinput.XXXXXX)
[ -n "${KEEP:-}" ] && echo "keeping $T" || trap 'rm -rf "$T"' EXIT
ONLY=${1:-}
BIN=$T/youjun
(cd "$ROOT" && go build -o "$BIN" ./cmd/youjun) || { echo "FAIL build — go build failed"; exit 1; }

NPASS=0 NFAIL=0 NCASE=0
FAILS=()

# ---------- masters: the two example sites, each with a built output/ ----------
mkdir -p "$T/master-root" "$T/master-hunan"
cp -a "$ROOT/site.toml" "$ROOT/data" "$ROOT/content" "$T/master-root/"
cp -a "$ROOT/examples/hunan/." "$T/master-hunan/"
rm -rf "$T/master-hunan/output"
for m in root hunan; do
	(cd "$T/master-$m" && "$BIN" build >/dev/null 2>&1) || { echo "FAIL master-$m — example does not build"; exit 1; }
done

# ---------- helpers ----------
# site NAME [root|hunan]: a fresh copy in $T/c/NAME/S; cd into it. Sets C (the parent) and S.
site() {
	C=$T/c/$1
	rm -rf "$C"
	mkdir -p "$C"
	cp -a "$T/master-${2:-root}" "$C/S"
	S=$C/S
	cd "$S" || exit 1
}

# csvedit FILE PYTHON: rows = list of lists (header is rows[0]); the code edits rows in place.
csvedit() {
	python3 - "$1" "$2" <<'EOF'
import csv, sys
path, code = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(path, encoding='utf-8-sig', newline='')))
exec(code)
with open(path, 'w', encoding='utf-8', newline='') as f:
    csv.writer(f, lineterminator='\n').writerows(rows)
EOF
}

# XLSX writer: python3 $T/xl.py CSV OUT [sheet] — each cell "!b:1", "!f:A1*2" (formula, no cached
# value), "!e:#DIV/0!" (error), "!F:A1*2=7" (formula with cached value 7); numbers as numbers.
cat >"$T/xl.py" <<'EOF'
import csv, sys, zipfile
from xml.sax.saxutils import escape
src, out = sys.argv[1], sys.argv[2]
sheet = sys.argv[3] if len(sys.argv) > 3 else '学校'
rows = list(csv.reader(open(src, encoding='utf-8-sig', newline='')))
def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
strings, idx = [], {}
def sst(v):
    if v not in idx:
        idx[v] = len(strings); strings.append(v)
    return idx[v]
def isnum(v):
    try:
        float(v); return v.strip() == v and v != '' and v.lower() not in ('nan', 'inf', '-inf', 'infinity')
    except ValueError:
        return False
xml = []
for r, row in enumerate(rows, 1):
    cells = []
    for c, v in enumerate(row):
        ref = f'{col(c)}{r}'
        if v == '':
            continue
        if v.startswith('!b:'):
            cells.append(f'<c r="{ref}" t="b"><v>{v[3:]}</v></c>')
        elif v.startswith('!f:'):
            cells.append(f'<c r="{ref}"><f>{escape(v[3:])}</f></c>')
        elif v.startswith('!F:'):
            f, val = v[3:].split('=', 1)
            cells.append(f'<c r="{ref}"><f>{escape(f)}</f><v>{val}</v></c>')
        elif v.startswith('!e:'):
            cells.append(f'<c r="{ref}" t="e"><v>{escape(v[3:])}</v></c>')
        elif isnum(v) and r > 1 and c != 0:
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="s"><v>{sst(v)}</v></c>')
    xml.append(f'<row r="{r}">' + ''.join(cells) + '</row>')
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    z.writestr('_rels/.rels', f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RNS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>' + ''.join(xml) + '</sheetData></worksheet>')
    z.writestr('xl/sharedStrings.xml', f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="{len(strings)}" uniqueCount="{len(strings)}">' + ''.join(f'<si><t>{escape(s)}</t></si>' for s in strings) + '</sst>')
EOF
# XLSX surgery: python3 $T/xlmut.py FILE MODE edits the first sheet's XML in place.
cat >"$T/xlmut.py" <<'EOF'
import re, sys, zipfile
path, mode = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
parts = {n: z.read(n) for n in z.namelist()}
z.close()
s = parts['xl/worksheets/sheet1.xml'].decode()
name = r'(<c r="B2" t="s"><v>)\d+(</v>)'
if mode == 'sst-oob':
    s = re.sub(name, r'\g<1>999999\2', s, count=1)
elif mode == 'sst-text':
    s = re.sub(name, r'\g<1>abc\2', s, count=1)
elif mode == 'bigcol':
    s = s.replace('<c r="B2"', '<c r="AAAAAAAA2"', 1)
elif mode == 'nested':
    s = s.replace('<sheetData>', '<sheetData>' + '<x>' * 100000 + '</x>' * 100000, 1)
elif mode == 'entity':
    s = s.replace('?>', '?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>', 1).replace('<sheetData>', '<sheetData>&b;', 1)
elif mode == 'manycells':
    s = s.replace('</sheetData>', '<row r="200">' + '<c r="A200"><v>1</v></c>' * 300000 + '</row></sheetData>')
elif mode == 'nopart':
    s = None
if s is None:
    del parts['xl/worksheets/sheet1.xml']
else:
    parts['xl/worksheets/sheet1.xml'] = s.encode()
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as w:
    for n, b in parts.items():
        w.writestr(n, b)
EOF
toxlsx() { # replace data/schools.csv by data/schools.xlsx (after optional csv edits)
	python3 "$T/xl.py" data/schools.csv data/schools.xlsx && rm data/schools.csv
}

snap() { # snapshot of the case folder: path, type, size, mode, mtime, symlink target
	{ find "$C" -type d -printf '%p d %m\n'; find "$C" ! -type d -printf '%p %y %s %m %T@ %l\n'; } | LC_ALL=C sort
}

ENGLISH='\b(error|errors|invalid|expected|unexpected|panic|panicked|runtime|goroutine|nil|eof|unmarshal|strconv|syntax|failed|cannot|unsupported|illegal|overflow|denied|no such|not a valid|zip:|toml:|xml:|template:|exit status)\b'

# run NAME RC REGEX [--allow PATH]... [--big] [--noscan] -- ARGS...
# Runs youjun ARGS in $S and checks everything listed at the top. REGEX ('' = none) must match the
# combined output. --allow: a path (besides $S/output) that may change on success.
run() {
	local name=$1 want=$2 re=$3
	shift 3
	local allow=("$S/output") big=0 scan=1
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case $1 in
		--allow) allow+=("$2"); shift 2 ;;
		--big) big=1; shift ;;
		--noscan) scan=0; shift ;;
		*) echo "bad run option $1"; exit 2 ;;
		esac
	done
	shift
	NCASE=$((NCASE + 1))
	local before after
	before=$(snap)
	O=$T/o/$name
	mkdir -p "$T/o"
	/usr/bin/time -f '%e %M' -o "$O.time" timeout 60 "$BIN" "$@" >"$O" 2>&1
	local rc=$? why=()
	after=$(snap)
	read -r secs kb < <(tail -n 1 "$O.time" 2>/dev/null) || { secs=0; kb=0; }
	[ "$rc" = "$want" ] || why+=("exit $rc, want $want")
	if [ -n "$re" ] && ! tr '\n' ' ' <"$O" | grep -aqE -- "$re"; then why+=("message lacks /$re/: $(head -c 400 "$O" | tr '\n' ' ')"); fi
	local eng
	eng=$(grep -aoiE "$ENGLISH" "$O" | sort -u | tr '\n' ' ')
	[ -z "$eng" ] || why+=("English in output: $eng")
	# what may change: on failure nothing; on success output/ (and --allow paths)
	local filt_b=$before filt_a=$after
	if [ "$rc" = 0 ]; then
		local p
		for p in "${allow[@]}"; do
			filt_b=$(grep -v -e "^$p " -e "^$p/" <<<"$filt_b")
			filt_a=$(grep -v -e "^$p " -e "^$p/" <<<"$filt_a")
		done
		filt_a=$(grep -v -E "^$S/\.output\.(new|old)-" <<<"$filt_a")
		filt_b=$(grep -v -E "^$S/\.output\.(new|old)-" <<<"$filt_b")
	fi
	if [ "$filt_b" != "$filt_a" ]; then
		why+=("files changed: $(diff <(echo "$filt_b") <(echo "$filt_a") | grep '^[<>]' | head -4 | tr '\n' ' ')")
	fi
	if [ "$rc" = 0 ] && [ $scan = 1 ]; then
		local o
		for o in "${allow[@]}"; do
			[ -d "$o" ] || continue
			local bad
			bad=$(grep -rlE '\bNaN\b|[+-]Inf\b|\bInf\b|Infinity' "$o" --include='*.html' --include='*.csv' --include='*.json' 2>/dev/null | grep -v /assets/ | head -3)
			[ -z "$bad" ] || why+=("NaN/Inf in $bad")
			local x
			for x in "$o"/tables/*.xlsx; do
				[ -f "$x" ] || continue
				unzip -p "$x" 2>/dev/null | grep -qE '\bNaN\b|\bInf\b' && why+=("NaN/Inf in $x")
			done
			for x in "$o"/*.pdf; do
				[ -f "$x" ] || continue
				pdftotext "$x" - 2>/dev/null | grep -qE '\bNaN\b|\bInf\b' && why+=("NaN/Inf in $x")
			done
			if [ -f "$o/data/evaluation.json" ] && ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$o/data/evaluation.json" 2>/dev/null; then
				why+=("evaluation.json unreadable")
			fi
		done
	fi
	if [ $big = 0 ]; then
		awk -v s="$secs" 'BEGIN{exit !(s>10)}' && why+=("took $secs s")
		[ "$kb" -le 1048576 ] || why+=("used $((kb / 1024)) MB")
	fi
	if [ ${#why[@]} = 0 ]; then
		NPASS=$((NPASS + 1))
		echo "PASS $name — exit $rc, ${secs}s, $((kb / 1024)) MB"
	else
		NFAIL=$((NFAIL + 1))
		FAILS+=("$name")
		local IFS='; '
		echo "FAIL $name — ${why[*]}"
	fi
}

want() { [ -z "$ONLY" ] || [[ $1 == *"$ONLY"* ]]; }

# extra assertion after run: ok COND-EXIT-STATUS NAME REASON (turns the last PASS into a FAIL)
extra() {
	if ! eval "$2"; then
		NPASS=$((NPASS - 1)); NFAIL=$((NFAIL + 1)); FAILS+=("$1")
		echo "FAIL $1 — $3"
	fi
}

chapter() { # chapter FILE: stdin is the body; front matter with a title is prepended
	{ printf '+++\ntitle = "七、附加"\norder = 7\n+++\n\n'; cat; } >"content/$1"
}

# ================= cases =================

# ---- output folder safety ----
want out-data && { site out-data; run out-data 1 '输出' -- build --out "$S/data"; }
want out-content && { site out-content; run out-content 1 '输出' -- build --out "$S/content"; }
want out-content-marker && { site out-content-marker; touch content/.youjun-output; run out-content-marker 1 '输出' -- build --out "$S/content"; }
want out-data-sub && { site out-data-sub; run out-data-sub 1 '输出' -- build --out "$S/data/history"; }
want out-data-new && { site out-data-new; run out-data-new 1 '输出' -- build --out data/new; }
want out-site && { site out-site; run out-site 1 '输出' -- build --out .; }
want out-parent && { site out-parent; run out-parent 1 '输出' -- build --out ..; }
want out-templates && { site out-templates; mkdir templates; printf 'body{}\n' >templates/style.css; run out-templates 1 '输出' -- build --out templates; }
want out-theme && { site out-theme; mkdir theme; run out-theme 1 '输出' -- build --out theme; }
want out-foreign && { site out-foreign; mkdir ../thesis; printf 'my thesis' >../thesis/thesis.docx; run out-foreign 1 '输出' -- build --out ../thesis; }
want out-file && { site out-file; rm -rf output; printf 'not a folder' >output; run out-file 1 'output' -- build; }
want out-symlink-dir && { site out-symlink-dir; mkdir ../elsewhere; touch ../elsewhere/keep.txt; rm -rf output; ln -s ../elsewhere output; run out-symlink-dir 1 '输出|符号链接' -- build; }
want out-symlink-marked && { site out-symlink-marked; mv output ../realout; ln -s ../realout output; run out-symlink-marked 1 '输出|符号链接' -- build; }
want out-only-data && { site out-only-data; run out-only-data 1 '输出' -- build --only html --out data; }
want out-old-foreign && { site out-old-foreign; rm output/.youjun-output; printf x >output/notes.txt; run out-old-foreign 1 '输出' -- build; }
want out-marker-dir && { site out-marker-dir; rm output/.youjun-output; mkdir output/.youjun-output; printf x >output/.youjun-output/a; run out-marker-dir 1 '' -- build; }
want out-empty && { site out-empty; mkdir ../empty; run out-empty 0 '' --allow "$C/empty" -- build --out ../empty
	extra out-empty '[ -f "$C/empty/.youjun-output" ] && [ -f "$C/empty/index.html" ]' 'no marker/index in the empty folder'; }
want out-stale && { site out-stale; mkdir .output.new-123 .output.old-99999; touch .output.new-123/.youjun-output .output.old-99999/.youjun-output
	run out-stale 0 '' -- build; extra out-stale '! ls -d .output.* 2>/dev/null | grep -q .' 'stale temp folders left'; }
want out-stale-foreign && { site out-stale-foreign; mkdir .output.new-7; printf 'mine' >.output.new-7/keep.txt
	run out-stale-foreign 0 '' --allow "$S/.output.new-7" -- build; extra out-stale-foreign '[ -f .output.new-7/keep.txt ]' 'unmarked .output.new-7 deleted'; }

# kill -9 at several moments of a build: output/ is always whole, and the next build cleans up
if want out-kill9; then
	site out-kill9
	NCASE=$((NCASE + 1))
	why=()
	for d in 0.05 0.15 0.25 0.3 0.35 0.4 0.5; do
		"$BIN" build >/dev/null 2>&1 &
		bpid=$!
		sleep $d
		kill -9 $bpid 2>/dev/null
		wait $bpid 2>/dev/null
		[ -f output/.youjun-output ] && [ -f output/index.html ] && [ -f output/data/evaluation.json ] || why+=("after kill -9 at ${d}s output/ incomplete")
	done
	"$BIN" build >/dev/null 2>&1 || why+=("build after kill -9 failed")
	left=$(ls -d .output.* 2>/dev/null | tr '\n' ' ')
	[ -z "$left" ] || why+=("left behind: $left")
	if [ ${#why[@]} = 0 ]; then NPASS=$((NPASS + 1)); echo "PASS out-kill9 — output/ whole after 7 kills, temp folders cleaned"
	else NFAIL=$((NFAIL + 1)); FAILS+=(out-kill9); (IFS='; '; echo "FAIL out-kill9 — ${why[*]}"); fi
fi

# ---- paths: slugs and county names ----
want slug-escape && { site slug-escape; printf 'x\n' | chapter 07.md; sed -i 's/^order = 7/order = 7\nslug = "..\/..\/..\/escape"/' content/07.md; run slug-escape 1 'slug' -- build; }
want slug-abs && { site slug-abs; printf '+++\ntitle = "七"\nslug = "/tmp/abs"\n+++\nx\n' >content/07.md; run slug-abs 1 'slug' -- build; }
want slug-assets && { site slug-assets; printf '+++\ntitle = "七"\nslug = "assets"\n+++\nx\n' >content/07.md; run slug-assets 1 'slug' -- build; }
want slug-con && { site slug-con; printf '+++\ntitle = "七"\nslug = "CON"\n+++\nx\n' >content/07.md; run slug-con 1 'slug' -- build; }
want slug-dup && { site slug-dup; printf '+++\ntitle = "七"\nslug = "A"\n+++\nx\n' >content/07.md; printf '+++\ntitle = "八"\nslug = "a"\n+++\nx\n' >content/08.md; run slug-dup 1 'slug' -- build; }
want slug-space && { site slug-space; printf '+++\ntitle = "七"\nslug = "a b"\n+++\nx\n' >content/07.md; run slug-space 1 'slug' -- build; }
want slug-long && { site slug-long; printf '+++\ntitle = "七"\nslug = "%s"\n+++\nx\n' "$(printf 'a%.0s' {1..65})" >content/07.md; run slug-long 1 'slug' -- build; }
want county-escape && { site county-escape; sed -i 's/^county = .*/county = "..\/..\/evil"/' site.toml; run county-escape 1 'site.toml.*county|县' -- build; }
want county-slash && { site county-slash; sed -i 's/^county = .*/county = "某市\/某县"/' site.toml; run county-slash 1 'site.toml' -- build; }
want county-backslash && { site county-backslash; sed -i 's/^county = .*/county = "某市\\\\某县"/' site.toml; run county-backslash 1 'site.toml' -- build; }
want county-dot && { site county-dot; sed -i 's/^county = .*/county = ".hidden"/' site.toml; run county-dot 1 'site.toml' -- build; }
want county-long && { site county-long; sed -i "s/^county = .*/county = \"$(printf '县%.0s' {1..60})\"/" site.toml; run county-long 1 'site.toml' -- build; }
want county-empty && { site county-empty; sed -i 's/^county = .*/county = ""/' site.toml; run county-empty 1 'site.toml' -- build; }
want county-ctrl && { site county-ctrl; sed -i 's/^county = .*/county = "示例\\u0007县"/' site.toml; run county-ctrl 1 'site.toml' -- build; }
want title-ctrl && { site title-ctrl; sed -i 's/^county = .*/&\ntitle = "报告\\n第二行"/' site.toml; run title-ctrl 1 'site.toml' -- build; }

# ---- symlinks ----
want tpl-symlink && { site tpl-symlink; mkdir templates; ln -s /etc/passwd templates/site.js; run tpl-symlink 1 'templates/site.js' -- build; }
want tpl-symlink-layout && { site tpl-symlink-layout; mkdir templates; ln -s /etc/hostname templates/index.html; run tpl-symlink-layout 1 'templates/index.html' -- build; }
want chapter-symlink && { site chapter-symlink; ln -s /etc/passwd content/07.md; run chapter-symlink 1 'content/07.md' -- build; }
want chapter-dir && { site chapter-dir; mkdir content/07.md; run chapter-dir 1 'content/07.md' -- build; }
want image-symlink && { site image-symlink; mkdir content/images; ln -s /etc/passwd content/images/a.png; printf '![图](images/a.png)\n' | chapter 07.md
	run image-symlink 1 'content/07.md' -- check; }
want image-symlink-build && { site image-symlink-build; mkdir content/images; ln -s /etc/passwd content/images/a.png; printf '![图](images/a.png)\n' | chapter 07.md
	run image-symlink-build 0 '' -- build; extra image-symlink-build '! grep -rq "root:x:0" output/' '/etc/passwd copied into output'; }

# ---- invalid UTF-8 and encodings in chapters ----
want chapter-e4b8 && { site chapter-e4b8; printf 'x\xe4\xb8\n' | chapter 07.md; run chapter-e4b8 1 'content/07.md.*第' -- build; }
want chapter-e50 && { site chapter-e50; printf '\xe50\n' | chapter 07.md; run chapter-e50 1 'content/07.md' -- build; }
want chapter-e50-pdf && { site chapter-e50-pdf; printf '\xe50\n' | chapter 07.md; run chapter-e50-pdf 1 'content/07.md' -- build --only pdf; }
want chapter-gbk && { site chapter-gbk; printf '+++\ntitle = "七"\n+++\n中文正文内容，这里是一段较长的文字。\n' | iconv -f UTF-8 -t GBK >content/07.md; run chapter-gbk 1 'GBK' -- build; }
want chapter-utf16 && { site chapter-utf16; printf '+++\ntitle = "七"\n+++\n正文\n' | iconv -f UTF-8 -t UTF-16 >content/07.md; run chapter-utf16 1 'UTF-16' -- build; }
want chapter-bom-crlf && { site chapter-bom-crlf; printf '\xef\xbb\xbf+++\r\ntitle = "七、附加"\r\norder = 7\r\n+++\r\n\r\n正文。\r\n' >content/07.md; run chapter-bom-crlf 0 '' -- build; }
want chapter-cr && { site chapter-cr; printf '+++\rtitle = "七、附加"\rorder = 7\r+++\r\r正文。\r' >content/07.md; run chapter-cr 0 '' -- build; }
want chapter-nul && { site chapter-nul; printf 'a\x00b\n' | chapter 07.md; run chapter-nul 0 '' -- build  # CommonMark: NUL becomes U+FFFD
	extra chapter-nul '! grep -rqaP "\x00" output/07/index.html' 'NUL byte copied into the page'; }
want chapter-unterminated && { site chapter-unterminated; printf '+++\ntitle = "七"\n正文\n' >content/07.md; run chapter-unterminated 1 'content/07.md' -- build; }
want chapter-fm-syntax && { site chapter-fm-syntax; printf '+++\ntitle = 七\n+++\n正文\n' >content/07.md; run chapter-fm-syntax 1 'content/07.md.*第2行' -- build; }
want chapter-fm-nested && { site chapter-fm-nested; python3 -c "print('+++\ntitle = \"七\"\nx = ' + '{a = '*10000 + '1' + '}'*10000 + '\n+++\n正文')" >content/07.md; run chapter-fm-nested 1 'content/07.md' -- build; }
want chapter-quote-deep && { site chapter-quote-deep; python3 -c "print('> '*50000)" | chapter 07.md; run chapter-quote-deep 1 'content/07.md' -- build; }
want chapter-quote-33 && { site chapter-quote-33; python3 -c "
for i in range(1,40): print('> '*i + 'x')" | chapter 07.md; run chapter-quote-33 1 'content/07.md' -- build; }
want chapter-list-deep && { site chapter-list-deep; python3 -c "
for i in range(200): print('  '*i + '- x')" | chapter 07.md; run chapter-list-deep 1 'content/07.md' -- build; }
want chapter-huge && { site chapter-huge; python3 -c "
for i in range(30000): print('正文第%d段，内容。\n' % i)" | chapter 07.md; run chapter-huge 1 'content/07.md' -- build; }
want chapter-longline && { site chapter-longline; python3 -c "print('字'*10000)" | chapter 07.md; run chapter-longline 1 'content/07.md' -- build; }
want chapter-many && { site chapter-many; for i in $(seq 10 400); do printf '+++\ntitle = "章%d"\norder = %d\n+++\n正文。\n' "$i" "$i" >"content/c$i.md"; done
	run chapter-many 0 '' -- build; }
want chapter-shortcode-bad && { site chapter-shortcode-bad; printf '{{< valu "county" >}}\n\n{{< table "nosuch" >}}\n' | chapter 07.md
	run chapter-shortcode-bad 1 'content/07.md.*第6行.*valu.*第8行.*nosuch' -- build; }
want chapter-shortcode-key && { site chapter-shortcode-key; printf '{{< value "resource.primary.R9.cv" >}}\n' | chapter 07.md; run chapter-shortcode-key 1 'content/07.md' -- build; }
want chapter-shortcode-unclosed && { site chapter-shortcode-unclosed; printf '{{< value "county"\n' | chapter 07.md; run chapter-shortcode-unclosed 1 'content/07.md' -- build; }
want all-at-once && { site all-at-once; printf '{{< valu "county" >}}\n' | chapter 07.md; csvedit data/schools.csv 'rows[3][7]="约3000"'
	sed -i 's/^training_completion_rate = 100/training_completion_rate = 250/' data/county.toml; printf '学生,96,97\n' >>data/survey.csv
	run all-at-once 1 '' -- build
	extra all-at-once 'grep -q schools.csv "$O" && grep -q county.toml "$O" && grep -q survey.csv "$O" && grep -q content/07.md "$O"' "not every file named at once: $(grep -oE '(schools.csv|county.toml|survey.csv|content/07.md)' "$O" | sort -u | tr '\n' ' ')"; }

# ---- images and outside resources ----
want image-http && { site image-http; printf '![图](https://evil.example/x.png)\n' | chapter 07.md; run image-http 1 '外部网址' -- check; }
want image-http-build && { site image-http-build; printf '![图](https://evil.example/x.png)\n\n![图](//evil.example/y.png)\n' | chapter 07.md
	run image-http-build 0 '' -- build; extra image-http-build '! grep -rqE "src=\"(https?:)?//" output/*/index.html output/index.html' 'external src in page'; }
want image-strict && { site image-strict; printf '![图](http://evil.example/x.png)\n' | chapter 07.md; run image-strict 1 '外部网址' -- build --strict; }
want image-dotdot && { site image-dotdot; printf '![图](../data/county.toml)\n' | chapter 07.md; run image-dotdot 1 'content/07.md' -- check; }
want image-abs && { site image-abs; printf '![图](/etc/passwd)\n' | chapter 07.md; run image-abs 1 'content/07.md' -- check; }
want image-missing && { site image-missing; printf '![图](images/nope.png)\n' | chapter 07.md; run image-missing 1 'content/07.md.*nope.png' -- check; }
want html-script && { site html-script; printf '<script>alert(1)</script>\n\n<img src="https://evil.example/a.png">\n\n[x](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>\n' | chapter 07.md
	run html-script 0 '' -- build; extra html-script '! grep -rqiE "alert\(1\)|evil.example|<iframe" output/07*/index.html output/chapter-*/index.html 2>/dev/null' 'raw HTML/javascript: reached the page'; }
want link-outside && { site link-outside; printf '[国务院](https://www.gov.cn/)\n' | chapter 07.md; run link-outside 0 '' -- build; }

# ---- school table: CSV ----
S_CSV=data/schools.csv
CT=data/county.toml
want csv-1e300 && { site csv-1e300; csvedit $S_CSV 'rows[1][24]="1e300"'; run csv-1e300 1 '第2行「教学及辅助用房面积」.*1e300' -- build; }
want csv-1e300-check && { site csv-1e300-check; csvedit $S_CSV 'rows[1][25]="1e300"'; run csv-1e300-check 1 '1e300' -- check; }
want csv-inf && { site csv-inf; csvedit $S_CSV 'rows[1][24]="inf"; rows[2][25]="NaN"; rows[3][27]="-Infinity"'; run csv-inf 1 'inf.*NaN|NaN.*inf' -- build; }
want csv-tiny && { site csv-tiny; csvedit $S_CSV 'rows[1][24]="1e-300"'; run csv-tiny 1 '第2行' -- build; }
want csv-overflow && { site csv-overflow; csvedit $S_CSV 'rows[1][7]="99999999999999999999999"'; run csv-overflow 1 '第2行「小学在校生数」' -- build; }
want csv-students-range && { site csv-students-range; csvedit $S_CSV 'rows[1][7]="100001"'; run csv-students-range 1 '第2行「小学在校生数」' -- build; }
want csv-negative && { site csv-negative; csvedit $S_CSV 'rows[1][24]="-5"'; run csv-negative 1 '第2行' -- build; }
want csv-fraction-count && { site csv-fraction-count; csvedit $S_CSV 'rows[1][7]="12.5"'; run csv-fraction-count 1 '第2行' -- build; }
want csv-hex && { site csv-hex; csvedit $S_CSV 'rows[1][24]="0x1p10"'; run csv-hex 1 '第2行' -- build; }
want csv-year && { site csv-year; csvedit $S_CSV 'rows[1][6]="1066"'; run csv-year 1 '第2行「建成年份」' -- build; }
want csv-zero-area && { site csv-zero-area; csvedit $S_CSV 'for r in rows[1:]: r[24]="0"'; run csv-zero-area 0 '' -- build
	extra csv-zero-area 'grep -rq "无法计算" output/' 'no 无法计算 shown for an all-zero indicator'; }
want csv-one-school && { site csv-one-school; csvedit $S_CSV 'del rows[2:]'; run csv-one-school 0 '' -- build; }
want csv-truncated && { site csv-truncated; python3 -c "
d=open('$S_CSV',encoding='utf-8').read().split('\n'); d[5]=','.join(d[5].split(',')[:10]); open('$S_CSV','w',encoding='utf-8').write('\n'.join(d))"
	run csv-truncated 1 '第6行' -- build; }
want csv-cut-file && { site csv-cut-file; python3 -c "
d=open('$S_CSV','rb').read(); open('$S_CSV','wb').write(d[:len(d)//2])"; run csv-cut-file 1 'schools.csv' -- build; }
want csv-quote && { site csv-quote; python3 -c "
d=open('$S_CSV',encoding='utf-8').read().split('\n'); d[3]=d[3].replace('示例', '\"示例',1); open('$S_CSV','w',encoding='utf-8').write('\n'.join(d))"
	run csv-quote 1 'schools.csv.*第' -- build; }
want csv-utf16 && { site csv-utf16; python3 -c "
import csv; r=list(csv.reader(open('$S_CSV',encoding='utf-8')))
open('$S_CSV','w',encoding='utf-16').write('\r\n'.join('\t'.join(x) for x in r)+'\r\n')"; run csv-utf16 0 '' -- build; }
want csv-gbk && { site csv-gbk; iconv -f UTF-8 -t GBK $S_CSV >x && mv x $S_CSV; run csv-gbk 0 '' -- build; }
want csv-cr && { site csv-cr; tr '\n' '\r' <$S_CSV >x && mv x $S_CSV; run csv-cr 0 '' -- build; }
want csv-latin1 && { site csv-latin1; python3 -c "
d=open('$S_CSV','rb').read().split(b'\n'); d[4]=d[4].replace('第'.encode(), '第'.encode()+b'\xe9',1); open('$S_CSV','wb').write(b'\n'.join(d))"
	run csv-latin1 1 '第5行.*UTF-8 或 GBK' -- build; }
want csv-binary && { site csv-binary; head -c 20000 /dev/urandom >$S_CSV; run csv-binary 1 'schools.csv' -- build; }
want csv-is-xlsx && { site csv-is-xlsx; python3 "$T/xl.py" $S_CSV $S_CSV.x && mv $S_CSV.x $S_CSV; run csv-is-xlsx 1 'schools.csv.*(xlsx|Excel)' -- build; }
want csv-empty && { site csv-empty; : >$S_CSV; run csv-empty 1 'schools.csv' -- build; }
want csv-header-only && { site csv-header-only; csvedit $S_CSV 'del rows[1:]'; run csv-header-only 0 '还没有学校数据' -- build; }
want csv-header-only-check && { site csv-header-only-check; csvedit $S_CSV 'del rows[1:]'; run csv-header-only-check 1 '还没有学校数据' -- check; }
want csv-dup-code && { site csv-dup-code; csvedit $S_CSV 'rows[3][0]=rows[2][0]'; run csv-dup-code 1 '重复' -- build; }
want csv-type && { site csv-type; csvedit $S_CSV 'rows[2][2]="小雪"'; run csv-type 1 '发现 1 处错误.*小学' -- build; }
want csv-wide && { site csv-wide; csvedit $S_CSV 'rows[0] += ["备注%d" % i for i in range(300)]'; run csv-wide 1 'schools.csv' -- build; }
want csv-big-cell && { site csv-big-cell; csvedit $S_CSV 'rows[1][1]="校"*(10*1024*1024//3)'; run csv-big-cell 1 '第2行' -- build; }
want csv-junk-rows && { site csv-junk-rows; python3 -c "
import csv; r=list(csv.reader(open('$S_CSV',encoding='utf-8'))); w=csv.writer(open('$S_CSV','w',encoding='utf-8',newline=''))
w.writerow(r[0])
for i in range(90000): w.writerow(['J%07d'%i,'垃圾','小学','公办','城区','否','2000','abc']+['x']*(len(r[0])-8))"
	run csv-junk-rows 1 '另有' -- build; extra csv-junk-rows '[ "$(wc -l <"$O")" -lt 400 ]' "$(wc -l <"$O") lines of messages"; }
want csv-20001 && { site csv-20001; python3 -c "
import csv; r=list(csv.reader(open('$S_CSV',encoding='utf-8'))); w=csv.writer(open('$S_CSV','w',encoding='utf-8',newline=''))
w.writerow(r[0]); body=r[1:]
for i in range(20001):
    x=list(body[i%len(body)]); x[0]='%010d'%(9000000000+i); w.writerow(x)"
	run csv-20001 1 '20,?000' -- build; }
want csv-20001-eval && { site csv-20001-eval; python3 -c "
import csv; r=list(csv.reader(open('$S_CSV',encoding='utf-8'))); w=csv.writer(open('$S_CSV','w',encoding='utf-8',newline=''))
w.writerow(r[0]); body=r[1:]
for i in range(20001):
    x=list(body[i%len(body)]); x[0]='%010d'%(9000000000+i); w.writerow(x)"
	run csv-20001-eval 0 '' -- eval; }
want csv-both && { site csv-both; python3 "$T/xl.py" $S_CSV data/schools.xlsx; run csv-both 1 'schools' -- build; }
want csv-missing && { site csv-missing; rm $S_CSV; run csv-missing 1 'schools' -- build; }
want csv-teachers-cert && { site csv-teachers-cert; csvedit $S_CSV 'rows[1][23]=str(int(rows[1][22])+1)'; run csv-teachers-cert 1 '第2行' -- build; }

want csv-codes && { site csv-codes; csvedit $S_CSV 'rows[1][0]="../../evil"; rows[2][0]="a/b"; rows[3][0]="CON"; rows[4][0]="AB1"; rows[5][0]="ab1"; rows[6][0]="x\u202egpj.exe"; rows[7][0]=".hidden"'
	run csv-codes 0 '' -- build
	extra csv-codes '[ "$(ls output/schools | tr A-Z a-z | sort | uniq -d)" = "" ] && [ ! -e output/schools/CON.html ] && [ ! -e "$C/evil.html" ] && [ ! -e output/evil.html ]' "school pages collide or escape: $(ls output/schools | grep -v ^36 | tr '\n' ' ')"; }
want csv-extremes && { site csv-extremes; csvedit $S_CSV '
for i, x in enumerate(rows[1:]):
    for c in (24, 25, 26, 27):
        if x[c]: x[c] = "10000000" if c != 27 else "1000000"
        if x[c] and i % 2: x[c] = "0.0001"'
	sed -i 's/^eligible_teachers = 2215/eligible_teachers = 0/; s/^rotated_teachers = 246/rotated_teachers = 0/; s/^rotated_backbone_teachers = 61/rotated_backbone_teachers = 0/; s/^resident_population = 410000/resident_population = 0/' $CT
	printf '对象,样本数,认可数\n学生,0,0\n' >data/survey.csv
	run csv-extremes 0 '' -- build; }
want eval-zero && { site eval-zero; sed -i 's/^eligible_teachers = 2215/eligible_teachers = 0/; s/^rotated_teachers = 246/rotated_teachers = 0/; s/^rotated_backbone_teachers = 61/rotated_backbone_teachers = 0/' $CT
	printf '对象,样本数,认可数\n学生,0,0\n' >data/survey.csv; run eval-zero 0 '无法计算（「eligible_teachers」为 0.*有效问卷数为 0' -- eval; }
want csv-extremes-json && { site csv-extremes-json; csvedit $S_CSV 'for x in rows[1:]: x[7] = "1" if x[7] else x[7]; x[10] = "0"; x[25] = "10000000" if x[25] else x[25]'
	run csv-extremes-json 0 '' -- build; }

# ---- CSV injection ----
want csv-injection && { site csv-injection; csvedit $S_CSV 'rows[1][1]="=HYPERLINK(\"http://evil.example\",\"点我\")"; rows[2][1]="+1+2"; rows[3][1]="@SUM(A1)"; rows[4][1]="-2+3"; rows[5][1]="\t=1+1"'
	run csv-injection 0 '' -- build
	extra csv-injection '! grep -rhE "(^|,)\"?[=+@-](HYPERLINK|1\+2|SUM|2\+3)" output/tables/*.csv output/data/*.csv 2>/dev/null | grep -q .' 'formula-like cell written verbatim to a CSV'; }
want csv-injection-xlsx && { site csv-injection-xlsx; csvedit $S_CSV 'rows[1][1]="=HYPERLINK(\"http://evil.example\",\"点我\")"'
	run csv-injection-xlsx 0 '' -- build; extra csv-injection-xlsx '! (for x in output/tables/*.xlsx; do unzip -p "$x"; done | grep -q "<f>")' 'formula in XLSX download'; }
want csv-html-name && { site csv-html-name; csvedit $S_CSV 'rows[1][1]="<script>alert(1)</script>"'
	run csv-html-name 0 '' -- build; extra csv-html-name '! grep -rq --include=*.html "<script>alert(1)" output/' 'unescaped school name in HTML'; }

# ---- school table: XLSX ----
want xlsx-ok && { site xlsx-ok; toxlsx; run xlsx-ok 0 '' -- build; }
want xlsx-bool && { site xlsx-bool; csvedit $S_CSV 'rows[1][7]="!b:1"'; toxlsx; run xlsx-bool 1 'schools.xlsx.*(TRUE|逻辑)' -- build; }
want xlsx-formula && { site xlsx-formula; csvedit $S_CSV 'rows[1][7]="!f:A1*2"'; toxlsx; run xlsx-formula 1 'schools.xlsx.*公式' -- build; }
want xlsx-formula-cached && { site xlsx-formula-cached; csvedit $S_CSV 'rows[1][7]="!F:H3*1=" + rows[1][7]'; toxlsx; run xlsx-formula-cached 0 '' -- build; }
want xlsx-error && { site xlsx-error; csvedit $S_CSV 'rows[1][24]="!e:#DIV/0!"'; toxlsx; run xlsx-error 1 '#DIV/0!' -- build; }
want xlsx-1e300 && { site xlsx-1e300; csvedit $S_CSV 'rows[1][24]="1e300"'; toxlsx; run xlsx-1e300 1 '超出合理范围' -- build; }
want xlsx-truncated && { site xlsx-truncated; toxlsx; python3 -c "
d=open('data/schools.xlsx','rb').read(); open('data/schools.xlsx','wb').write(d[:len(d)//2])"; run xlsx-truncated 1 'schools.xlsx' -- build; }
want xlsx-is-csv && { site xlsx-is-csv; mv $S_CSV data/schools.xlsx; run xlsx-is-csv 1 'schools.xlsx.*CSV' -- build; }
want xlsx-ole && { site xlsx-ole; rm $S_CSV; printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >data/schools.xlsx; head -c 4000 /dev/zero >>data/schools.xlsx; run xlsx-ole 1 'schools.xlsx' -- build; }
want xlsx-notzip && { site xlsx-notzip; rm $S_CSV; printf 'PK\x03\x04garbage' >data/schools.xlsx; run xlsx-notzip 1 'schools.xlsx' -- build; }
want xlsx-bomb && { site xlsx-bomb; toxlsx; python3 - <<'EOF'
import zipfile
src = zipfile.ZipFile('data/schools.xlsx')
parts = {n: src.read(n) for n in src.namelist()}
with zipfile.ZipFile('data/schools.xlsx', 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for n, b in parts.items():
        if n == 'xl/sharedStrings.xml':
            i = b.index(b'<si><t>') + 7
            with z.open(n, 'w', force_zip64=True) as f:
                f.write(b[:i])
                chunk = b'A' * (1 << 22)
                for _ in range(256):
                    f.write(chunk)
                f.write(b[i:])
        else:
            z.writestr(n, b)
EOF
	run xlsx-bomb 1 'schools.xlsx' -- build; }
want xlsx-nosheet && { site xlsx-nosheet; csvedit $S_CSV 'del rows[:]'; toxlsx; run xlsx-nosheet 1 'schools.xlsx' -- build; }
for m in sst-oob sst-text bigcol entity manycells nopart; do
	want "xlsx-$m" && { site "xlsx-$m"; toxlsx; python3 "$T/xlmut.py" data/schools.xlsx $m; run "xlsx-$m" 1 'schools.xlsx' -- build; }
done
want xlsx-nested && { site xlsx-nested; toxlsx; python3 "$T/xlmut.py" data/schools.xlsx nested; run xlsx-nested 0 '' -- build; }
want eval-data-bad && { site eval-data-bad; head -c 5000 /dev/urandom >../junk.xlsx; run eval-data-bad 1 'junk.xlsx' -- eval --data ../junk.xlsx; }

# ---- county.toml ----
want ct-rate-250 && { site ct-rate-250; sed -i 's/^training_completion_rate = 100/training_completion_rate = 250/' $CT; run ct-rate-250 1 'county.toml.*第[0-9]+行.*250' -- build; }
want ct-rotated && { site ct-rotated; sed -i 's/^rotated_teachers = 246/rotated_teachers = 100000/' $CT; run ct-rotated 1 'county.toml.*rotated_teachers' -- build; }
want ct-nan && { site ct-nan; sed -i 's/^nearby_junior_rate = 97.8/nearby_junior_rate = nan/' $CT; run ct-nan 1 'county.toml.*第[0-9]+行' -- build; }
want ct-inf && { site ct-inf; sed -i 's/^teacher_avg_salary = 112860/teacher_avg_salary = inf/' $CT; run ct-inf 1 'county.toml.*第[0-9]+行' -- build; }
want ct-negative && { site ct-negative; sed -i 's/^resident_population = 410000/resident_population = -4/' $CT; run ct-negative 1 'county.toml.*第[0-9]+行' -- build; }
want ct-int-overflow && { site ct-int-overflow; sed -i 's/^resident_population = 410000/resident_population = 99999999999999999999999/' $CT; run ct-int-overflow 1 'county.toml.*第[0-9]+行' -- build; }
want ct-syntax && { site ct-syntax; sed -i 's/^training_completion_rate = 100/training_completion_rate = = 100/' $CT; run ct-syntax 1 'county.toml.*第[0-9]+行' -- build; }
want ct-string && { site ct-string; sed -i 's/^training_completion_rate = 100/training_completion_rate = "百分之百"/' $CT; run ct-string 1 'county.toml.*第[0-9]+行' -- build; }
want ct-unknown-key && { site ct-unknown-key; sed -i 's/^teacher_avg_salary/teacher_avg_salery/' $CT; run ct-unknown-key 1 'teacher_avg_salary' -- build; }
want ct-dup-key && { site ct-dup-key; sed -i 's/^training_completion_rate = 100/&\ntraining_completion_rate = 99/' $CT; run ct-dup-key 1 'county.toml.*第[0-9]+行' -- build; }
want ct-nested && { site ct-nested; python3 -c "print('x = ' + '{a = '*10000 + '1' + '}'*10000)" >>$CT; run ct-nested 1 'county.toml' -- build; }
want ct-arrays && { site ct-arrays; python3 -c "print('[G9]\ny = ' + '['*50000 + ']'*50000)" >>$CT; run ct-arrays 1 'county.toml' -- build; }
want ct-utf16 && { site ct-utf16; iconv -f UTF-8 -t UTF-16 $CT >x && mv x $CT; run ct-utf16 1 'county.toml' -- build; }
want ct-binary && { site ct-binary; head -c 3000 /dev/urandom >$CT; run ct-binary 1 'county.toml.*(二进制|UTF-8)' -- build; }
want ct-big && { site ct-big; python3 -c "
import sys
for i in range(400000): print('# 注释行 %d' % i)" >>$CT; run ct-big 1 'county.toml' -- build; }
want ct-fraction-rate && { site ct-fraction-rate; sed -i 's/^quota_allocation_rate = 62/quota_allocation_rate = 0.62/' $CT; run ct-fraction-rate 0 '0.62|62' -- build; }
want ct-year && { site ct-year; sed -i 's/^basic_balance_year = .*/basic_balance_year = 3017/' $CT; run ct-year 1 'county.toml.*第[0-9]+行' -- build; }

# ---- site.toml ----
want site-date && { site site-date; sed -i 's/^date = .*/date = "2025-13-45"/' site.toml; run site-date 1 'site.toml.*第[0-9]+行.*2025-13-45' -- build; }
want site-date-free && { site site-date-free; sed -i 's/^date = .*/date = "去年十月"/' site.toml; run site-date-free 1 'site.toml.*第[0-9]+行' -- build; }
want site-date-literal && { site site-date-literal; sed -i 's/^date = .*/date = 2025-10-15/' site.toml; run site-date-literal 1 'site.toml.*第9行.*带引号' -- build; }
want site-year && { site site-year; sed -i 's/^year = .*/year = 1800/' site.toml; run site-year 1 'site.toml.*第[0-9]+行' -- build; }
want site-override-nan && { site site-override-nan; printf '[standard.override]\n"R6.primary" = nan\n' >>site.toml; sed -i 's/^\[standard\]$/[standard]/' site.toml; python3 -c "
s=open('site.toml').read().replace('[standard.override]\n\"R6.primary\" = nan\n','').replace('profile = \"national-2017\"','profile = \"national-2017\"\n[standard.override]\n\"R6.primary\" = nan',1); open('site.toml','w').write(s)"
	run site-override-nan 1 'site.toml.*R6.primary' -- build; }
want site-override-neg && { site site-override-neg; python3 -c "
s=open('site.toml').read().replace('profile = \"national-2017\"','profile = \"national-2017\"\n[standard.override]\n\"R6.primary\" = -1\n\"resource.cv_decimals\" = 5\n\"R1.cv_limit\" = 7',1); open('site.toml','w').write(s)"
	run site-override-neg 1 'R6.primary.*cv_decimals|cv_decimals.*R6.primary' -- build; }
want site-override-unknown && { site site-override-unknown; python3 -c "
s=open('site.toml').read().replace('profile = \"national-2017\"','profile = \"national-2017\"\n[standard.override]\n\"R66.primary\" = 5',1); open('site.toml','w').write(s)"
	run site-override-unknown 1 'site.toml' -- build; }
want site-target-inf && { site site-target-inf; printf '\n[local_targets]\n"R6.primary" = inf\n' >>site.toml; run site-target-inf 1 'site.toml.*R6.primary' -- build; }
want site-profile && { site site-profile; sed -i 's/^profile = .*/profile = "national-2071"/' site.toml; run site-profile 1 'national-2017' -- build; }
want site-profile-path && { site site-profile-path; sed -i 's/^profile = .*/profile = "\/etc\/passwd"/' site.toml; run site-profile-path 1 'site.toml|passwd' -- build; }
want site-syntax-and-data && { site site-syntax-and-data; sed -i 's/^bureau = .*/bureau = 示例县教育局/' site.toml; csvedit $S_CSV 'rows[1][7]="abc"'
	run site-syntax-and-data 1 'site.toml.*第7行.*引号' -- build; }  # the profile is unknown: data is not checked
want site-year-and-data && { site site-year-and-data; sed -i 's/^year = .*/year = 1800/' site.toml; csvedit $S_CSV 'rows[1][7]="abc"'; sed -i 's/^training_completion_rate = 100/training_completion_rate = 250/' data/county.toml
	run site-year-and-data 1 'site.toml.*1800.*schools.csv.*abc|schools.csv.*abc.*site.toml.*1800' -- build; extra site-year-and-data 'grep -q county.toml "$O"' 'county.toml not checked with site.toml'; }
want site-missing && { site site-missing; rm site.toml; run site-missing 1 'site.toml' -- build; }
want site-nested && { site site-nested; python3 -c "print('x = ' + '['*100000 + ']'*100000)" >>site.toml; run site-nested 1 'site.toml' -- build; }

# ---- survey and history ----
want survey-more && { site survey-more; printf '学生,96,97\n' >>data/survey.csv; run survey-more 1 'survey.csv.*第' -- build; }
want survey-several && { site survey-several; printf '学生,-3,1\n未知群体,10,5\n家长,abc,1\n' >>data/survey.csv
	run survey-several 1 '' -- build; extra survey-several '[ "$(grep -c survey.csv "$O")" -ge 1 ] && [ "$(grep -cE "第(9|10|11)行" "$O")" -ge 3 ]' 'not all survey rows reported'; }
want survey-nan && { site survey-nan; printf '学生,nan,1\n' >>data/survey.csv; run survey-nan 1 'survey.csv' -- build; }
want survey-binary && { site survey-binary; printf '对象,样本数,认可数\n\x89PNG\x00\x00\x00\rIHDR\n' >data/survey.csv; run survey-binary 1 'survey.csv.*二进制' -- build; }
want survey-utf16 && { site survey-utf16; iconv -f UTF-8 -t UTF-16 data/survey.csv >x && mv x data/survey.csv; run survey-utf16 1 'survey.csv.*UTF-16' -- build; }
want history-binary && { site history-binary; head -c 3000 /dev/urandom >data/history/x.csv; run history-binary 1 'history/x.csv' -- build; }
want survey-wide && { site survey-wide; printf '家长,1,000,1\n' >>data/survey.csv; run survey-wide 1 'survey.csv.*第9行.*4 列' -- build; }
want history-bad && { site history-bad; printf '年份,小学综合差异系数,初中综合差异系数\n20x4,inf,-1\n' >"data/history/bad.csv"; run history-bad 1 'history' -- build; }

# ---- templates ----
want tpl-syntax && { site tpl-syntax; mkdir templates; printf '{{define "main"}}{{.Nope}\n{{end}}\n' >templates/index.html; run tpl-syntax 1 'templates/index.html' -- build; }
want tpl-func && { site tpl-func; mkdir templates; printf '{{define "main"}}{{shout .}}{{end}}\n' >templates/school.html; run tpl-func 1 'templates/school.html.*shout' -- build; }
want tpl-exec && { site tpl-exec; mkdir templates; printf '{{define "main"}}{{index .NoSuchField 7}}{{end}}\n' >templates/index.html; run tpl-exec 1 'templates/index.html' -- build; }

want tpl-recursion && { site tpl-recursion; mkdir templates; printf '{{define "main"}}{{template "main" .}}{{end}}\n' >templates/index.html; run tpl-recursion 1 'templates/index.html.*自己' -- build; }
for t in '{{len 3}}' '{{call .Page}}' '{{lt "a" 1}}' '{{slice "abc" 5}}'; do
	n=tpl-exec-$(printf %s "$t" | tr -cd 'a-z0-9')
	want "$n" && { site "$n"; mkdir templates; printf '{{define "main"}}%s{{end}}\n' "$t" >templates/index.html; run "$n" 1 'templates/index.html' -- build; }
done

# ---- hunan example ----
want hunan-scores && { site hunan-scores hunan; sed -i '0,/^scores = \[.*\]/s//scores = [99, nan, -1, 1e300]/' data/county.toml; run hunan-scores 1 'county.toml' -- build; }
want hunan-nan-check && { site hunan-nan-check hunan; sed -i '0,/^scores = \[.*\]/s//scores = [inf]/' data/county.toml; run hunan-nan-check 1 'county.toml.*Inf' -- check; }

# ---- check fails where build fails ----
want check-utf8 && { site check-utf8; printf 'x\xe4\xb8\n' | chapter 07.md; run check-utf8 1 'content/07.md' -- check; }
want check-rate && { site check-rate; sed -i 's/^training_completion_rate = 100/training_completion_rate = 250/' $CT; run check-rate 1 '250' -- check; }
want check-date && { site check-date; sed -i 's/^date = .*/date = "2025-13-45"/' site.toml; run check-date 1 '2025-13-45' -- check; }
want check-slug && { site check-slug; printf '+++\ntitle = "七"\nslug = "../x"\n+++\nx\n' >content/07.md; run check-slug 1 'slug' -- check; }
want check-override && { site check-override; printf '\n[local_targets]\n"R6.primary" = nan\n' >>site.toml; run check-override 1 'R6.primary' -- check; }
want check-tpl && { site check-tpl; mkdir templates; ln -s /etc/passwd templates/style.css; run check-tpl 1 'templates/style.css' -- check; }
want eval-nan && { site eval-nan; csvedit $S_CSV 'rows[1][24]="NaN"'; run eval-nan 1 'NaN' -- eval --json; }
want eval-data-csv && { site eval-data-csv; csvedit $S_CSV 'rows[1][1]="=1+1"'; run eval-data-csv 0 '' -- eval --data data/schools.csv --json; }

# ---- youjun new ----
want new-bad-name && { site new-bad-name; run new-bad-name 1 '县名会用作 PDF 的文件名' --allow "$S/x" -- new x --name '某市/某县'; extra new-bad-name '[ ! -e x ]' 'site created with a bad name'; }
want new-quote-name && { site new-quote-name; run new-quote-name 1 '县名' --allow "$S/x" -- new x --name 'a"b'; }
want new-rlo-name && { site new-rlo-name; run new-rlo-name 1 '县名' --allow "$S/x" -- new x --name "$(printf '示例\u202e县')"; }
want county-rlo && { site county-rlo; sed -i 's/^county = .*/county = "示例\\u202Eexe.县"/' site.toml; run county-rlo 1 'site.toml.*county' -- build; }

want new-os-error && { site new-os-error; run new-os-error 1 '无法新建站点：.*路径中的某一级不是目录' -- new site.toml/x; }

# ---- usage (exit 2) and other CLI paths ----
want usage-cmd && { site usage-cmd; run usage-cmd 2 '' -- biuld; }
want usage-flag && { site usage-flag; run usage-flag 2 '' -- build --otu x; }
want usage-novalue && { site usage-novalue; run usage-novalue 2 '' -- build --out; }
want usage-only && { site usage-only; run usage-only 2 '--only' -- build --only foo; }
want usage-port && { site usage-port; run usage-port 2 '' -- serve --port abc; }
want site-nonexistent && { site site-nonexistent; run site-nonexistent 1 'nosuch' -- build --site nosuch; }
want site-is-file && { site site-is-file; run site-is-file 1 '不是一个县的站点目录' -- build --site site.toml; }
want new-existing && { site new-existing; run new-existing 1 'data' -- new data; }

# ---- serve ----
if want serve; then
	site serve
	NCASE=$((NCASE + 1))
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	timeout 60 "$BIN" serve --port "$port" >"$C/.serve" 2>&1 &
	spid=$!
	why=()
	for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
	code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "http://127.0.0.1:$port/")
	[ "$code" = 403 ] || why+=("bad Host gave $code")
	code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: 127.0.0.1.evil.example' "http://127.0.0.1:$port/")
	[ "$code" = 403 ] || why+=("Host 127.0.0.1.evil.example gave $code")
	code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/")
	[ "$code" = 200 ] || why+=("localhost gave $code")
	for h in 'localhost.' '127.1' '2130706433' "localhost:$port:1"; do
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $h" "http://127.0.0.1:$port/")
		[ "$code" = 403 ] || why+=("Host $h gave $code")
	done
	for p in '/../../../etc/passwd' '/%2e%2e/%2e%2e/%2e%2e/etc/passwd' '/..%2f..%2fsite.toml' '/assets/../../site.toml' '/..%5c..%5csite.toml'; do
		curl -s -L --path-as-is -o "$C/.resp" "http://127.0.0.1:$port$p"
		grep -aqE 'root:x:0|^county = ' "$C/.resp" && why+=("$p served a file outside output/")
	done
	printf 'x\xe4\xb8\n\n\xe50\n' | chapter 07.md
	sleep 2
	code=$(curl -s -o "$C/.page" -w '%{http_code}' "http://127.0.0.1:$port/")
	[ "$code" = 200 ] || why+=("after invalid UTF-8 chapter: $code")
	kill -0 $spid 2>/dev/null || why+=("server died")
	printf '正文\n' | chapter 07.md
	csvedit $S_CSV 'rows[1][24]="1e300"'
	sleep 2
	kill -0 $spid 2>/dev/null || why+=("server died after bad data")
	csvedit $S_CSV 'rows[1][24]="100"'
	sleep 2
	code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/07/index.html")
	kill $spid 2>/dev/null
	wait $spid 2>/dev/null
	grep -q 'content/07.md' "$C/.serve" || why+=("invalid UTF-8 chapter not reported in the terminal")
	eng=$(grep -oiE "$ENGLISH" "$C/.serve" | sort -u | tr '\n' ' ')
	[ -z "$eng" ] || why+=("English in serve output: $eng")
	if [ ${#why[@]} = 0 ]; then NPASS=$((NPASS + 1)); echo "PASS serve — 403 for foreign Host, alive after bad chapter and bad data"
	else NFAIL=$((NFAIL + 1)); FAILS+=(serve); (IFS='; '; echo "FAIL serve — ${why[*]}"); fi
fi

echo
echo "$NCASE cases: $NPASS passed, $NFAIL failed${FAILS[*]:+ (${FAILS[*]})}"
[ "$NFAIL" = 0 ]
