package claims

import (
	"path/filepath"
	"testing"

	"github.com/youjun-edu/youjun/internal/content"
	"github.com/youjun-edu/youjun/internal/site"
)

// BenchmarkExample is what check adds to a build of the example site: the facts, the chapters'
// prose and the check.
func BenchmarkExample(b *testing.B) {
	s, probs := site.Load("../..", "")
	if probs.Err() != nil {
		b.Fatal(probs.Err())
	}
	docs, probs := content.LoadDir(filepath.Join("../..", "content"), "content")
	if probs.Err() != nil {
		b.Fatal(probs.Err())
	}
	res := s.Evaluate()
	b.ResetTimer()
	for b.Loop() {
		chs := make([]Chapter, len(docs))
		for i, d := range docs {
			chs[i] = FromDoc(d)
		}
		if f := Check(chs, Facts(res, s.County)); len(f) != 0 {
			b.Fatal(f)
		}
	}
}

// BenchmarkPlanted checks a chapter of many sentences, a tenth of them contradicting.
func BenchmarkPlanted(b *testing.B) {
	var text []byte
	for i := range 1000 {
		if i%10 == 0 {
			text = append(text, "初中三年巩固率达到98.2%，小学生均体育运动场馆面积差异系数为0.43。\n"...)
		} else {
			text = append(text, "全县辖4个镇、8个乡，初中三年巩固率达到97.5%，小学、初中综合差异系数分别为0.41、0.30。\n"...)
		}
	}
	ch := FromText("content/t.md", string(text))
	facts := testFacts()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if f := Check([]Chapter{ch}, facts); len(f) != 200 {
			b.Fatal(len(f))
		}
	}
}
