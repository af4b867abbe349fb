// Command hugocompare times youjun's HTML build against Hugo building a site of the same pages:
//
//	go run ./scripts/hugocompare -n 500,2000,10000 -runs 3 -work /tmp/hugocompare
//	go run ./scripts/hugocompare -n 2000 -youjun /tmp/new -old /tmp/old   # also time an older binary
//
// Run it from the repository root. For each N it
//
//  1. writes a synthetic county of N campuses with scripts/synthsite (WORK/N/site; kept and
//     reused by later runs);
//  2. builds it once with youjun (--only html) and turns every HTML page of that output into a
//     page of two Hugo sites at the same path, so that both make the same number of pages of
//     about the same size (the table prints both totals; the page counts are checked):
//     - "Hugo data" (WORK/N/hugo-data): JSON front matter holding the page's content as data
//     (title, lead, the text of its paragraphs and headings, every table as head cells and
//     rows of cell text with the row's link, the facts list, the inline chart JSON); Hugo's
//     templates write it as youjun's do: a base layout with the header, the sidebar (the
//     28 links of youjun's, in four sections, ranged over on every page from data/nav.json),
//     the breadcrumbs, the body (a range over the paragraphs, a table partial called for
//     each table, writing one cell per action, HTML-escaped, the facts) and the
//     previous/next links from Hugo's own page order (weights);
//     - "Hugo raw" (WORK/N/hugo-raw): the same layout around youjun's finished page body as
//     an .html content file, which Hugo passes through: Hugo's floor, less work than
//     youjun's, which computes every figure and table.
//     The 总览 and the folder index pages (chapters, 指标, 学校, 附表) are Hugo's home and
//     section (list) pages; youjun's assets/ and data/ files are Hugo's static/ files, so
//     both write the same files. Taxonomies, RSS, sitemap, robots.txt and 404 are off.
//  3. times `youjun build --only html --metrics` (wall, CPU, peak memory and youjun's own
//     生成网页 stage) and `hugo --quiet -s SITE -d OUT` for each Hugo site, alternately, each
//     into an output folder removed (and synced to disk) before the run, and prints a Markdown table: medians
//     and ranges of the wall time, youjun/Hugo per pair of runs, ms per page.
//
// youjun's run does more than Hugo's: it reads and evaluates the school data, writes the
// CSV/XLSX downloads and evaluation.json and checks every link; Hugo reads finished data.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ns := flag.String("n", "500,2000,10000", "numbers of campuses, comma-separated")
	runs := flag.Int("runs", 3, "timed runs of each program per N")
	work := flag.String("work", "/tmp/hugocompare", "working folder (sites are kept and reused)")
	youjun := flag.String("youjun", "", "youjun binary (default: built from ./cmd/youjun)")
	old := flag.String("old", "", "an older youjun binary to time alternately too")
	hugo := flag.String("hugo", "/usr/bin/hugo", "hugo binary")
	nice := flag.Int("nice", 0, "run the timed programs at this nice level (negative: ahead of other work on a busy machine; needs root)")
	flag.Parse()
	if err := run(*ns, *runs, *work, *youjun, *old, *hugo, *nice); err != nil {
		fmt.Fprintln(os.Stderr, "hugocompare:", err)
		os.Exit(1)
	}
}

type result struct {
	wall, cpu []time.Duration
	stage     []float64 // youjun's 生成网页, ms
	rss       []int64   // KB
}

func run(nList string, runs int, work, youjun, old, hugo string, nice int) error {
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if youjun == "" {
		youjun = filepath.Join(work, "youjun")
		if out, err := exec.Command("go", "build", "-o", youjun, "./cmd/youjun").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	fmt.Println("| N | pages | program | HTML size | wall s (range) | youjun/this: median (each run) | ms/page (median) | 生成网页 ms | CPU s | peak RSS MB |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, f := range strings.Split(nList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		if err := compare(n, runs, filepath.Join(work, strconv.Itoa(n)), youjun, old, hugo, nice); err != nil {
			return err
		}
	}
	return nil
}

func compare(n, runs int, dir, youjun, old, hugo string, nice int) error {
	siteDir := filepath.Join(dir, "site")
	yOut := filepath.Join(dir, "out-youjun")
	if _, err := os.Stat(siteDir); err != nil {
		if out, err := exec.Command("go", "run", "./scripts/synthsite", "-n", strconv.Itoa(n), "-out", siteDir).CombinedOutput(); err != nil {
			return fmt.Errorf("synthsite: %v\n%s", err, out)
		}
	}
	os.RemoveAll(yOut)
	if out, err := exec.Command(youjun, "build", "--site", siteDir, "--out", yOut, "--only", "html").CombinedOutput(); err != nil {
		return fmt.Errorf("youjun build: %v\n%s", err, out)
	}
	variants := []string{"data", "raw"}
	var pages int
	for _, v := range variants {
		os.RemoveAll(filepath.Join(dir, "hugo-"+v))
		var err error
		if pages, err = makeHugoSite(yOut, filepath.Join(dir, "hugo-"+v), v == "raw"); err != nil {
			return err
		}
	}
	var y, o result
	h := make([]result, len(variants))
	for i := 0; i < runs; i++ {
		if err := timeYoujun(nice, youjun, siteDir, yOut, &y); err != nil {
			return err
		}
		for k, v := range variants {
			if err := timeHugo(nice, hugo, filepath.Join(dir, "hugo-"+v), filepath.Join(dir, "out-hugo-"+v), &h[k]); err != nil {
				return err
			}
		}
		if old != "" {
			if err := timeYoujun(nice, old, siteDir, yOut+"-old", &o); err != nil {
				return err
			}
		}
	}
	yPages, yBytes := htmlPages(yOut)
	if yPages != pages {
		return fmt.Errorf("N=%d: youjun made %d pages, expected %d", n, yPages, pages)
	}
	ys := median(y.wall)
	fmt.Printf("| %d | %d | youjun | %.1f MB | %s | | %.2f | %s | %s | %d |", n, pages, float64(yBytes)/1e6,
		span(y.wall), ys*1000/float64(pages), spanF(y.stage), span(y.cpu), slices.Max(y.rss)/1024)
	if old != "" {
		fmt.Printf(" old %s (CPU %s), new/old %.2f |", span(o.wall), span(o.cpu), ys/median(o.wall))
	}
	fmt.Println()
	for k, v := range variants {
		hp, hb := htmlPages(filepath.Join(dir, "out-hugo-"+v))
		if hp != pages {
			return fmt.Errorf("N=%d: Hugo (%s) made %d pages, expected %d", n, v, hp, pages)
		}
		hs := median(h[k].wall)
		fmt.Printf("| %d | %d | Hugo %s | %.1f MB | %s | %.2f (%s) | %.2f | | %s | %d |\n", n, pages, v, float64(hb)/1e6,
			span(h[k].wall), ys/hs, ratios(y.wall, h[k].wall), hs*1000/float64(pages), span(h[k].cpu), slices.Max(h[k].rss)/1024)
	}
	return nil
}

var stageRE = regexp.MustCompile(`生成网页\s+([0-9.]+)`)

func timeYoujun(nice int, bin, site, out string, r *result) error {
	os.RemoveAll(out)
	cmd := command(nice, bin, "build", "--site", site, "--out", out, "--only", "html", "--metrics")
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := timed(cmd, r); err != nil {
		return fmt.Errorf("%s build: %v\n%s", bin, err, b.Bytes())
	}
	if m := stageRE.FindSubmatch(b.Bytes()); m != nil {
		v, _ := strconv.ParseFloat(string(m[1]), 64)
		r.stage = append(r.stage, v)
	}
	return nil
}

func timeHugo(nice int, bin, site, out string, r *result) error {
	os.RemoveAll(out)
	cmd := command(nice, bin, "--quiet", "-s", site, "-d", out)
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := timed(cmd, r); err != nil {
		return fmt.Errorf("hugo: %v\n%s", err, b.Bytes())
	}
	return nil
}

// command is a program to time, at the nice level nice when not 0.
func command(nice int, bin string, args ...string) *exec.Cmd {
	if nice == 0 {
		return exec.Command(bin, args...)
	}
	return exec.Command("nice", append([]string{"-n", strconv.Itoa(nice), bin}, args...)...)
}

func timed(cmd *exec.Cmd, r *result) error {
	// The previous run's output (up to 130 MB) is still being written back to the disk, and
	// its removal too: let that finish first, or it slows down whichever program runs next.
	syscall.Sync()
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return err
	}
	r.wall = append(r.wall, time.Since(start))
	r.cpu = append(r.cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rss = append(r.rss, ru.Maxrss)
	}
	return nil
}

func median(d []time.Duration) float64 {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2].Seconds()
}

func span(d []time.Duration) string {
	lo, hi := d[0], d[0]
	for _, x := range d {
		lo, hi = min(lo, x), max(hi, x)
	}
	return fmt.Sprintf("%.2f–%.2f", lo.Seconds(), hi.Seconds())
}

func spanF(v []float64) string {
	if len(v) == 0 {
		return "—"
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return fmt.Sprintf("%.0f–%.0f", lo, hi)
}

// ratios lists youjun/Hugo of each alternate pair of runs.
func ratios(y, h []time.Duration) string {
	var s []string
	for i := range y {
		s = append(s, fmt.Sprintf("%.2f", y[i].Seconds()/h[i].Seconds()))
	}
	return strings.Join(s, " ")
}

func htmlPages(dir string) (n int, size int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			if fi, err := d.Info(); err == nil {
				n++
				size += fi.Size()
			}
		}
		return nil
	})
	return n, size
}

// The Hugo site.

// frontMatter is a page's content as data.
type frontMatter struct {
	Title  string      `json:"title"`
	Weight int         `json:"weight"`
	Root   string      `json:"root"`
	Path   string      `json:"path"`
	Kind   string      `json:"kind"`
	Lead   string      `json:"lead,omitempty"`
	Crumbs []navLink   `json:"crumbs,omitempty"`
	Paras  []string    `json:"paras,omitempty"`
	Tables []table     `json:"tables,omitempty"`
	Facts  [][2]string `json:"facts,omitempty"`
	Charts []string    `json:"charts,omitempty"`
	URL    string      `json:"url,omitempty"`
}

type table struct {
	Head []string `json:"head"`
	Rows []row    `json:"rows"`
}

type row struct {
	Href  string   `json:"href,omitempty"`
	Cells []string `json:"cells"`
}

type navLink struct {
	Title  string `json:"title"`
	Path   string `json:"path"`
	Status string `json:"status,omitempty"`
}

type navSection struct {
	Title string    `json:"title"`
	Links []navLink `json:"links"`
}

var (
	mainRE    = regexp.MustCompile(`(?s)<main id="main">(.*)</main>`)
	titleRE   = regexp.MustCompile(`(?s)<h1>(.*?)</h1>`)
	leadRE    = regexp.MustCompile(`(?s)<p class="lead">(.*?)</p>`)
	tableRE   = regexp.MustCompile(`(?s)<table[^>]*>(.*?)</table>`)
	theadRE   = regexp.MustCompile(`(?s)<thead>(.*?)</thead>`)
	tbodyRE   = regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`)
	trRE      = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE    = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	hrefRE    = regexp.MustCompile(`href="([^"]*)"`)
	dlRE      = regexp.MustCompile(`(?s)<dl[^>]*>(.*?)</dl>`)
	dtddRE    = regexp.MustCompile(`(?s)<dt>(.*?)</dt><dd>(.*?)</dd>`)
	scriptRE  = regexp.MustCompile(`(?s)<script type="application/json"[^>]*>(.*?)</script>`)
	crumbsRE  = regexp.MustCompile(`(?s)<nav class="breadcrumbs"[^>]*>(.*?)</nav>`)
	crumbRE   = regexp.MustCompile(`(?s)<a href="([^"]*)">(.*?)</a>`)
	footerRE  = regexp.MustCompile(`(?s)<footer.*?</footer>`)
	navRE     = regexp.MustCompile(`(?s)<nav[^>]*>.*?</nav>`)
	blockRE   = regexp.MustCompile(`(?s)</(?:p|h[1-6]|li|figcaption|summary|div|blockquote)>`)
	tagRE     = regexp.MustCompile(`(?s)<[^>]*>`)
	sidebarRE = regexp.MustCompile(`(?s)<nav class="sidebar"[^>]*>(.*?)</nav>`)
	sectionRE = regexp.MustCompile(`(?s)<p class="nav-section">(.*?)</p>\s*<ul>(.*?)</ul>`)
	liRE      = regexp.MustCompile(`(?s)<li><a href="([^"]*)">(?:<span class="dot (\w+)"[^>]*></span>)?(.*?)</a></li>`)
)

func text(s string) string {
	return strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(s, "")))
}

// makeHugoSite writes the Hugo site for youjun's output folder out and returns its number of pages.
func makeHugoSite(out, dir string, raw bool) (int, error) {
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
		case strings.HasSuffix(rel, ".html"):
			pages = append(pages, rel)
		default: // assets and downloads are Hugo's static files
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return writeFile(filepath.Join(dir, "static", rel), b)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	// Reading order as youjun's pager gives it, for the weights.
	order := readingOrder(out, pages)
	for _, rel := range pages {
		b, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			return 0, err
		}
		if rel == "index.html" {
			if err := writeNav(b, dir); err != nil {
				return 0, err
			}
		}
		fm, body := pageData(string(b), rel, order[rel], raw)
		name := strings.TrimSuffix(rel, ".html")
		switch {
		case rel == "index.html":
			name = "_index"
		case strings.HasSuffix(rel, "/index.html"):
			name = strings.TrimSuffix(rel, "index.html") + "_index"
			fm.URL = "/" + rel
		}
		j, err := json.MarshalIndent(fm, "", " ")
		if err != nil {
			return 0, err
		}
		ext := ".md"
		if raw {
			ext = ".html"
			j = append(append(j, '\n'), body...)
		}
		if err := writeFile(filepath.Join(dir, "content", name+ext), append(j, '\n')); err != nil {
			return 0, err
		}
	}
	files := maps.Clone(hugoFiles)
	if raw {
		files["layouts/partials/body.html"] = "<h1>{{ .Title }}</h1>\n{{- with .Params.lead }}\n<p class=\"lead\">{{ . }}</p>\n{{- end }}\n{{ .Content }}\n"
	}
	for name, body := range files {
		if err := writeFile(filepath.Join(dir, name), []byte(body)); err != nil {
			return 0, err
		}
	}
	return len(pages), nil
}

// readingOrder follows the rel="next" links from index.html.
func readingOrder(out string, pages []string) map[string]int {
	next := regexp.MustCompile(`<a class="next" href="([^"]*)"`)
	order := map[string]int{}
	cur := "index.html"
	for i := 1; cur != "" && order[cur] == 0; i++ {
		order[cur] = i
		b, err := os.ReadFile(filepath.Join(out, cur))
		if err != nil {
			break
		}
		m := next.FindSubmatch(b)
		if m == nil {
			break
		}
		cur = filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(cur), string(m[1]))))
	}
	for _, p := range pages {
		if order[p] == 0 {
			order[p] = len(order) + 1
		}
	}
	return order
}

func pageData(page, rel string, weight int, raw bool) (frontMatter, string) {
	fm := frontMatter{Weight: weight, Path: rel, Root: strings.Repeat("../", strings.Count(rel, "/")), Kind: strings.SplitN(rel, "/", 2)[0]}
	m := mainRE.FindStringSubmatch(page)
	if m == nil {
		return fm, ""
	}
	body := m[1]
	if t := titleRE.FindStringSubmatch(body); t != nil {
		fm.Title = text(t[1])
		body = strings.Replace(body, t[0], "", 1)
	}
	if l := leadRE.FindStringSubmatch(body); l != nil {
		fm.Lead = text(l[1])
		body = strings.Replace(body, l[0], "", 1)
	}
	if c := crumbsRE.FindStringSubmatch(body); c != nil {
		for _, a := range crumbRE.FindAllStringSubmatch(c[1], -1) {
			fm.Crumbs = append(fm.Crumbs, navLink{Path: strings.TrimPrefix(a[1], fm.Root), Title: text(a[2])})
		}
	}
	body = footerRE.ReplaceAllString(body, "")
	if raw {
		// The body as youjun made it, without what the layout adds.
		if scriptRE.MatchString(body) {
			fm.Charts = []string{"yes"}
		}
		return fm, navRE.ReplaceAllString(body, "")
	}
	for _, s := range scriptRE.FindAllStringSubmatch(body, -1) {
		fm.Charts = append(fm.Charts, s[1])
	}
	body = scriptRE.ReplaceAllString(body, "")
	for _, t := range tableRE.FindAllStringSubmatch(body, -1) {
		var tb table
		if h := theadRE.FindStringSubmatch(t[1]); h != nil {
			for _, c := range cellRE.FindAllStringSubmatch(h[1], -1) {
				tb.Head = append(tb.Head, text(c[1]))
			}
		}
		rows := t[1]
		if b := tbodyRE.FindStringSubmatch(t[1]); b != nil {
			rows = b[1]
		}
		for _, r := range trRE.FindAllStringSubmatch(rows, -1) {
			var rw row
			if h := hrefRE.FindStringSubmatch(r[1]); h != nil {
				rw.Href = strings.TrimPrefix(h[1], fm.Root)
			}
			for _, c := range cellRE.FindAllStringSubmatch(r[1], -1) {
				rw.Cells = append(rw.Cells, text(c[1]))
			}
			tb.Rows = append(tb.Rows, rw)
		}
		fm.Tables = append(fm.Tables, tb)
	}
	body = tableRE.ReplaceAllString(body, "")
	for _, d := range dlRE.FindAllStringSubmatch(body, -1) {
		for _, kv := range dtddRE.FindAllStringSubmatch(d[1], -1) {
			fm.Facts = append(fm.Facts, [2]string{text(kv[1]), text(kv[2])})
		}
	}
	body = dlRE.ReplaceAllString(body, "")
	body = navRE.ReplaceAllString(body, "")
	for _, blk := range blockRE.Split(body, -1) {
		if t := text(blk); t != "" {
			fm.Paras = append(fm.Paras, t)
		}
	}
	return fm, ""
}

// writeNav writes the sidebar of youjun's 总览 as data/nav.json.
func writeNav(page []byte, dir string) error {
	m := sidebarRE.FindSubmatch(page)
	if m == nil {
		return fmt.Errorf("no sidebar in index.html")
	}
	var secs []navSection
	for _, s := range sectionRE.FindAllSubmatch(m[1], -1) {
		sec := navSection{Title: text(string(s[1]))}
		for _, l := range liRE.FindAllSubmatch(s[2], -1) {
			sec.Links = append(sec.Links, navLink{Path: string(l[1]), Status: string(l[2]), Title: text(string(l[3]))})
		}
		secs = append(secs, sec)
	}
	j, err := json.Marshal(map[string]any{"sections": secs})
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "data", "nav.json"), j)
}

func writeFile(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// hugoFiles are the Hugo site's configuration and templates.
var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "/"
title = "示例县义务教育优质均衡发展自评报告"
languageCode = "zh-CN"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[params]
bureau = "示例县教育局"
date = "2025-10-15"
`,
	"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hugo">
{{- $root := .Params.root }}
<title>{{ .Title }} - {{ site.Title }}</title>
<link rel="stylesheet" href="{{ $root }}assets/style.css">
</head>
<body class="page-{{ .Params.kind }}">
<a class="skip" href="#main">跳到正文</a>
<header class="site-header">
  <a class="site-title" href="{{ $root }}index.html">{{ site.Title }}</a>
  <span class="site-meta">{{ site.Params.bureau }} · {{ site.Params.date }}</span>
  <label class="nav-toggle" for="nav-open">目录</label>
</header>
<input type="checkbox" id="nav-open" class="nav-open" aria-hidden="true">
<div class="layout">
<nav class="sidebar" aria-label="目录">
{{- $path := .Params.path }}
{{- range site.Data.nav.sections }}
  <p class="nav-section">{{ .title }}</p>
  <ul>
  {{- range .links }}
    <li><a href="{{ $root }}{{ .path }}"{{ if eq .path $path }} aria-current="page"{{ end }}>{{ with .status }}<span class="dot {{ . }}" title="{{ . }}"></span>{{ end }}{{ .title }}</a></li>
  {{- end }}
  </ul>
{{- end }}
</nav>
<main id="main">
{{- with .Params.crumbs }}
<nav class="breadcrumbs" aria-label="位置">{{ range . }}<a href="{{ $root }}{{ .path }}">{{ .title }}</a> <span aria-hidden="true">›</span> {{ end }}<span>{{ $.Title }}</span>
</nav>
{{- end }}
{{ block "main" . }}{{ end }}
<nav class="pager" aria-label="上一页和下一页">
{{- with .Next }}
  <a class="prev" href="{{ $root }}{{ .Params.path }}" rel="prev">‹ {{ .Title }}</a>
{{- end }}
{{- with .Prev }}
  <a class="next" href="{{ $root }}{{ .Params.path }}" rel="next">{{ .Title }} ›</a>
{{- end }}
</nav>
<footer class="site-footer">
  <p>{{ site.Title }} · 评估依据：《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号） · 数据：<a href="{{ $root }}data/evaluation.json">evaluation.json</a></p>
</footer>
</main>
</div>
{{- if .Params.charts }}
<script src="{{ $root }}assets/echarts.min.js"></script>
<script src="{{ $root }}assets/site.js"></script>
{{- end }}
</body>
</html>
`,
	"layouts/_default/single.html": `{{ define "main" }}{{ partial "body.html" . }}{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}{{ partial "body.html" . }}{{ end }}
`,
	"layouts/index.html": `{{ define "main" }}{{ partial "body.html" . }}{{ end }}
`,
	"layouts/partials/body.html": `{{- $root := .Params.root }}
<h1>{{ .Title }}</h1>
{{- with .Params.lead }}
<p class="lead">{{ . }}</p>
{{- end }}
<section>
{{- range .Params.paras }}
<p>{{ . }}</p>
{{- end }}
</section>
{{- range $i, $c := .Params.charts }}
<figure class="chart-figure">
<div class="chart" id="chart-{{ $i }}" data-chart="{{ $i }}" role="img">
<script type="application/json" id="chart-{{ $i }}-data">{{ $c | safeHTML }}</script>
</div>
</figure>
{{- end }}
{{- range .Params.tables }}
{{ partial "table.html" (dict "t" . "root" $root) }}
{{- end }}
{{- with .Params.facts }}
<section>
<dl class="facts">{{ range . }}<dt>{{ index . 0 }}</dt><dd>{{ index . 1 }}</dd>{{ end }}</dl>
</section>
{{- end }}
`,
	"layouts/partials/table.html": `{{- $root := .root -}}
<div class="table-scroll">
<table class="data">
<thead><tr>{{ range .t.head }}<th scope="col">{{ . }}</th>{{ end }}</tr></thead>
<tbody>
{{- range .t.rows }}
<tr>{{ $href := .href }}{{ range $i, $c := .cells }}{{ if eq $i 0 }}<th scope="row">{{ if $href }}<a href="{{ $root }}{{ $href }}">{{ $c }}</a>{{ else }}{{ $c }}{{ end }}</th>{{ else }}<td class="num">{{ $c }}</td>{{ end }}{{ end }}</tr>
{{- end }}
</tbody>
</table>
</div>
`,
}
