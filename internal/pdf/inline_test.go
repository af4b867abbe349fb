package pdf

import (
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/content"
)

// layChapter typesets a chapter from Markdown with the built-in fonts.
func layChapter(t *testing.T, src string) *flow {
	t.Helper()
	d, probs := content.Parse("content/x.md", []byte(src), content.Markdown())
	if d == nil {
		t.Fatal(probs)
	}
	f := testFlow(t)
	f.blocks(docBlocks(d, nil, textOptions{}))
	return f
}

// familiesOf collects the font of every drawn character, and counts the small filled squares
// (the emphasis dots).
func familiesOf(f *flow) (map[string]string, int) {
	fam := map[string]string{}
	dots := 0
	for _, p := range f.t.pages {
		for _, o := range p.ops {
			switch {
			case o.kind == opText:
				for _, r := range o.text {
					fam[string(r)] = o.family
				}
			case o.kind == opRect && o.fill && o.x2 < 3:
				dots++
			}
		}
	}
	return fam, dots
}

// Bold is set in the 黑体 role's face and emphasis is visibly marked, even when only the
// built-in fonts are there: bold in the sans-serif face, emphasis with a dot under each
// character since the 楷体 role shares the body's brush face.
func TestInlineStyles(t *testing.T) {
	f := layChapter(t, "+++\ntitle = \"甲\"\n+++\n正文在**粗体**之前，*着重*在后。\n")
	fam, dots := familiesOf(f)
	if fam["粗"] == fam["正"] || fam["体"] == fam["文"] {
		t.Errorf("bold is set in %s, body in %s: they must differ", fam["粗"], fam["正"])
	}
	if fam["着"] == fam["正"] && dots != 2 {
		t.Errorf("emphasis in the body's face has %d dots, want one under each of its 2 characters", dots)
	}
}

// Lists are numbered, 1． at the first level and （1） below, never bulleted.
func TestListMarkers(t *testing.T) {
	f := layChapter(t, "+++\ntitle = \"甲\"\n+++\n- 甲项\n  - 子项\n  - 子项二\n- 乙项\n")
	var text string
	for _, p := range f.t.pages {
		for _, o := range p.ops {
			if o.kind == opText {
				text += o.text
			}
		}
	}
	for _, want := range []string{"1．甲项", "（1）子项", "（2）子项二", "2．乙项"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lacks %q", text, want)
		}
	}
	if strings.Contains(text, "•") {
		t.Errorf("a bullet in %q", text)
	}
}

// A footnote's number is a raised superscript in the text, and its note is set at the foot of
// the page the reference is on, below a short rule, not after the paragraph.
func TestFootnoteAtPageFoot(t *testing.T) {
	f := layChapter(t, "+++\ntitle = \"甲\"\n+++\n正文有注[^a]。\n\n下一段。\n\n[^a]: 注的内容。\n")
	f.t.flushNotes()
	st := f.t.st
	var ref, note, body *op
	for i := range f.t.pages[0].ops {
		o := &f.t.pages[0].ops[i]
		switch {
		case o.kind == opText && o.text == "1" && o.size < st.Body:
			if ref == nil {
				ref = o
			} else {
				note = o // the note's own number
			}
		case o.kind == opText && o.text == "正":
			body = o
		}
	}
	if ref == nil || body == nil || note == nil {
		t.Fatalf("ref %v, body %v, note %v", ref, body, note)
	}
	if ref.y >= body.y-1 {
		t.Errorf("the reference sits at %.1f, not above the baseline %.1f", ref.y, body.y)
	}
	if note.y < st.bottom()-3*st.Table {
		t.Errorf("the note is at %.1f, not at the foot of the page (%.1f)", note.y, st.bottom())
	}
	var text string
	for _, o := range f.t.pages[0].ops {
		if o.kind == opText {
			text += o.text
		}
	}
	if !strings.Contains(text, "注的内容") || strings.Contains(text, "[1]") {
		t.Errorf("text %q", text)
	}
}
