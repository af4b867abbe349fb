package claims

import (
	"testing"

	"github.com/youjun-edu/youjun/internal/content"
)

// parse reads a chapter as build does.
func parse(t testing.TB, file, src string) Chapter {
	t.Helper()
	d, probs := content.Parse(file, []byte(src), content.Markdown())
	if probs.Err() != nil {
		t.Fatal(probs.Err())
	}
	return FromDoc(d)
}

// A chapter with two planted contradictions among agreeing figures, shortcodes, code, comments
// and a table: two findings, at the figures' lines and columns (in characters, counting the
// front matter's lines).
func TestPlanted(t *testing.T) {
	src := `+++
title = "二、主要做法与成效"
+++

<!-- 初中三年巩固率达到99.9% -->
全面落实“双减”，初中三年巩固率达到{{< value "items.Q1.junior_retention_rate" >}}，
残疾儿童少年入学率达到96.4%。社会认可度为**91.5%**。

- 初中三年巩固率达到98.2%，
  小学综合差异系数为0.41。
- ` + "`初中三年巩固率达到99.9%`" + `

| 项目 | 数值 |
| --- | --- |
| 小学生均体育运动场馆面积差异系数为0.43 | — |
`
	ch := parse(t, "content/02-measures.md", src)
	got := Check([]Chapter{ch}, testFacts())
	want := []struct {
		line, col      int
		quoted, detail string
	}{
		{9, 12, "98.2%", "正文写“初中三年巩固率达到98.2%”，与初中三年巩固率不符：data/county.toml 第60行（junior_retention_rate）的数值为 97.5%"},
		{15, 20, "0.43", "正文写“小学生均体育运动场馆面积差异系数为0.43”，与小学R5差异系数不符：由学校数据表计算的数值为 0.497，按正文所写的位数四舍五入应为 0.50"},
	}
	if len(got) != len(want) {
		for _, f := range got {
			t.Log(f.Message)
		}
		t.Fatalf("%d findings, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.File != "content/02-measures.md" || g.Line != w.line || g.Column != w.col || g.Quoted != w.quoted || g.Detail != w.detail {
			t.Errorf("finding %d:\n got %s %d:%d %q %s\nwant %d:%d %q %s", i, g.File, g.Line, g.Column, g.Quoted, g.Detail,
				w.line, w.col, w.quoted, w.detail)
		}
	}
	if m := got[0].Message; m != "content/02-measures.md 第9行："+want[0].detail {
		t.Errorf("message %s", m)
	}
}
