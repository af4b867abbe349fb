package html

import (
	"strconv"
	"strings"
)

// A school's page is nearly every page of a large county, and html/template spends most of its
// time on it in reflection: about ninety actions, each calling its escapers through reflect. When
// a site uses youjun's own baseof.html and school.html (ownNav), the page is written here in Go
// instead, byte for byte what those two templates write (TestSchoolPageAsTemplates renders every
// school of the example and of a generated county both ways). A site's own baseof.html or
// school.html is executed as a template, as before.

// writeSchoolPage writes a school's whole page: baseof.html with school.html's "main".
func (s *site) writeSchoolPage(b *strings.Builder, d *pageData) error {
	nav, err := s.navHTML(d)
	if err != nil {
		return err
	}
	s.writeFrameTop(b, d, string(nav))
	s.writeSchoolMain(b, d)
	writeFrameBottom(b, d)
	return nil
}

// writeFrameTop writes baseof.html up to its "main" block.
func (s *site) writeFrameTop(b *strings.Builder, d *pageData, nav string) {
	p := d.Page
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<meta name=\"generator\" content=\"youjun\">\n<title>")
	if p.Kind == kindIndex {
		escText(b, d.Site.Title)
	} else {
		escText(b, p.Title)
		b.WriteString(" - ")
		escText(b, d.Site.Title)
	}
	b.WriteString("</title>\n<link rel=\"stylesheet\" href=\"")
	escURLStart(b, p.Root)
	b.WriteString("assets/style.css\">\n</head>\n<body class=\"page-")
	escText(b, p.Kind)
	b.WriteString("\">\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n<header class=\"site-header\">\n  <a class=\"site-title\" href=\"")
	escURLStart(b, p.Root)
	b.WriteString("index.html\">")
	escText(b, d.Site.Title)
	b.WriteString("</a>\n  <span class=\"site-meta\">")
	escText(b, d.Site.Bureau)
	if d.Site.Date != "" {
		b.WriteString(" · ")
		escText(b, d.Site.Date)
	}
	b.WriteString("</span>\n  <label class=\"nav-toggle\" for=\"nav-open\">目录</label>\n</header>\n" +
		"<input type=\"checkbox\" id=\"nav-open\" class=\"nav-open\" aria-hidden=\"true\">\n<div class=\"layout\">\n" +
		"<nav class=\"sidebar\" aria-label=\"目录\">")
	b.WriteString(nav)
	b.WriteString("\n</nav>\n<main id=\"main\">")
	if len(p.Breadcrumbs) > 0 {
		b.WriteString("\n<nav class=\"breadcrumbs\" aria-label=\"位置\">")
		b.WriteString(string(crumbs(p)))
		b.WriteString(" <span aria-hidden=\"true\">›</span> <span>")
		escText(b, p.Title)
		b.WriteString("</span>\n</nav>")
	}
	b.WriteString("\n")
}

// writeFrameBottom writes baseof.html after its "main" block.
func writeFrameBottom(b *strings.Builder, d *pageData) {
	p := d.Page
	if p.Prev != nil || p.Next != nil {
		b.WriteString("\n<nav class=\"pager\" aria-label=\"上一页和下一页\">\n")
		b.WriteString(string(pager(p)))
		b.WriteString("\n</nav>")
	}
	b.WriteString("\n<footer class=\"site-footer\">\n  <p>")
	escText(b, d.Site.County)
	b.WriteString("义务教育优质均衡发展自评报告 · 评估依据：")
	escText(b, d.Site.Basis)
	b.WriteString(" · 数据：<a href=\"")
	escURLStart(b, p.Root)
	b.WriteString("data/evaluation.json\">evaluation.json</a></p>\n</footer>\n</main>\n</div>")
	if p.HasCharts {
		b.WriteString("\n<script src=\"")
		escURLStart(b, p.Root)
		b.WriteString("assets/echarts.min.js\"></script>\n<script src=\"")
		escURLStart(b, p.Root)
		b.WriteString("assets/site.js\"></script>")
	}
	// The newlines between baseof.html's {{define}}s belong to the page.
	b.WriteString("\n</body>\n</html>\n\n\n\n\n")
}

// writeSchoolMain writes school.html's "main".
func (s *site) writeSchoolMain(b *strings.Builder, d *pageData) {
	v, root := d.School, d.Page.Root
	b.WriteString("\n")
	if v == nil {
		b.WriteString("\n")
		return
	}
	b.WriteString("\n<h1>")
	escText(b, v.Name)
	b.WriteString("</h1>\n<p class=\"lead\">")
	escText(b, v.Type)
	if v.Area != "" {
		b.WriteString(" · ")
		escText(b, v.Area)
	}
	if v.Ownership != "" {
		b.WriteString(" · ")
		escText(b, v.Ownership)
	}
	b.WriteString(" · 学校代码 ")
	escText(b, v.Code)
	if v.Row != 0 {
		b.WriteString(" · 数据表第")
		b.WriteString(strconv.Itoa(v.Row))
		b.WriteString("行")
	}
	b.WriteString("</p>\n")
	if v.Excluded != "" {
		b.WriteString("<p class=\"callout\">不参与资源配置评估：")
		escText(b, v.Excluded)
		b.WriteString("</p>")
	}
	b.WriteString("\n\n")
	if len(v.Lacks) > 0 {
		b.WriteString("\n<section class=\"findings-block fail-block\">\n<h2>差在哪里</h2>\n<ul class=\"findings\">")
		for _, it := range v.Lacks {
			b.WriteString("<li>")
			if it.Ref != "" {
				writeLink(b, root, s.refPath(it.Ref), it.Text)
			} else {
				escText(b, it.Text)
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>\n</section>\n")
	}
	b.WriteString("\n\n")
	for _, u := range v.Units {
		b.WriteString("\n<section>\n<h2>")
		escText(b, u.Name)
		b.WriteString("：")
		writeVerdict(b, u.Status)
		b.WriteString("</h2>\n<p>")
		escText(b, u.LevelName)
		b.WriteString("在校生 ")
		escText(b, u.Students)
		b.WriteString(" 人")
		if u.Split {
			b.WriteString("；拆分比例 ")
			escText(b, u.Share)
			b.WriteString("（教学用房、运动场馆、仪器设备、多媒体教室按此比例计入）")
		}
		b.WriteString("。")
		escText(b, d.Labels.Indicators)
		b.WriteString("指标中 ")
		b.WriteString(strconv.Itoa(u.Met))
		b.WriteString(" 项达到标准。</p>\n<div class=\"table-scroll\">\n<table class=\"data\">\n" +
			"<thead><tr><th scope=\"col\">指标</th><th scope=\"col\" class=\"num\">本校</th><th scope=\"col\" class=\"num\">标准</th><th scope=\"col\" class=\"num\">")
		escText(b, d.Labels.FloorHeader)
		b.WriteString("</th><th scope=\"col\">判定</th><th scope=\"col\" class=\"num\">全县值</th></tr></thead>\n<tbody>")
		b.WriteString(string(unitRows(u.Rows, root)))
		b.WriteString("\n</tbody>\n</table>\n</div>\n</section>\n")
	}
	b.WriteString("\n\n")
	if len(v.Rules) > 0 {
		b.WriteString("\n<section>\n<h2>办学条件与经费（按校评估的指标）</h2>\n<div class=\"table-scroll\">\n<table class=\"data\">\n" +
			"<thead><tr><th scope=\"col\">指标</th><th scope=\"col\">判定</th><th scope=\"col\">情况</th></tr></thead>\n<tbody>")
		b.WriteString(string(s.ruleRows(v.Rules, root)))
		b.WriteString("\n</tbody>\n</table>\n</div>\n</section>\n")
	}
	b.WriteString("\n\n<section>\n<h2>基本数据（学校数据表第")
	b.WriteString(strconv.Itoa(v.Row))
	b.WriteString("行）</h2>\n<dl class=\"facts\">")
	b.WriteString(string(factList(v.Facts)))
	b.WriteString("</dl>\n</section>\n\n")
}
