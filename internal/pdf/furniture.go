package pdf

// The furniture of the document around its text: the draft mark in the header of a report that
// is not final, and the 落款 (issuing unit and date) that ends the body.

// markDraft prints the draft mark (征求意见稿) in a ruled box at the right of the header of every
// page, cover and 目录 included, so that no page of an unfinished report passes for final.
func markDraft(t *typesetter, text string) {
	if text == "" {
		return
	}
	st := t.portrait
	size := t.styles[sH1].size
	w := t.measure(text, sH1)
	pad := size * 0.35
	base := st.Top - 8*mm
	for _, p := range t.pages {
		t.cur = p
		n := len(p.ops)
		x := st.TextW - w - pad
		t.rect(x-pad, base-size*0.86-pad, w+2*pad, size+2*pad, 1, false, true)
		t.label(text, sH1, x, w, base, 'l')
		// The mark belongs to the sheet, not to its content: a landscape page's content is
		// turned, the header is not.
		p.furniture = append(p.furniture, p.ops[n:]...)
		p.ops = p.ops[:n]
	}
}

// signature ends the body with the 落款 after GB/T 9704-2012 §7.3.5.2: one empty line below the
// text, the issuing unit two characters in from the right edge, the date on the next line
// starting two characters to the right of the unit's first character; a date longer than that
// allows sits two characters in from the right edge, and the unit moves with it. The lines stay
// together on one page.
func (f *flow) signature(lines []string) {
	if len(lines) == 0 {
		return
	}
	t := f.t
	st := t.st
	t.where = "落款"
	two := 2 * st.Body * st.gridRatio()
	pitch := st.pitch()
	if t.room() < float64(len(lines)+1)*pitch-1e-9 {
		f.newPage()
	} else {
		t.y += pitch
	}
	// The first line's start; every later line starts two characters further right.
	x := st.TextW - two - t.measure(lines[0], sBody)
	for _, l := range lines[1:] {
		x = min(x, st.TextW-two-t.measure(l, sBody)-two)
	}
	for i, l := range lines {
		t.label(l, sBody, x+float64(min(i, 1))*two, 0, baseline(t.y, pitch, st.Body), 'l')
		t.y += pitch
	}
}

// rightAligned sets a paragraph of {{< right >}} flush right, each line as written, unjustified.
// Its lines stay together on a page when they fit on one.
func (f *flow) rightAligned(b block) {
	t := f.t
	pitch, size := f.pitch(b), t.st.Body
	ls := breakLines(b.spans, t.st.TextW, 0, false, t.adv)
	if t.room() < float64(len(ls))*pitch-1e-9 && float64(len(ls))*pitch <= t.st.TextH && t.y > t.st.Top {
		f.newPage()
	}
	for _, l := range ls {
		if t.room() < pitch-1e-9 {
			f.newPage()
		}
		t.line(l, t.st.TextW-l.width, baseline(t.y, pitch, size))
		t.y += pitch
	}
}
