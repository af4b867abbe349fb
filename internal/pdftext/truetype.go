package pdftext

import "encoding/binary"

// trueTypeText lets a CID font without a ToUnicode CMap be read through its embedded TrueType
// program: the program's cmap table maps characters to glyph IDs, and the font's CIDs are glyph
// IDs (CIDToGIDMap Identity) or map to them through the CIDToGIDMap stream.
func (d *document) trueTypeText(f *font, cid dict) {
	desc, _ := d.resolve(cid["FontDescriptor"]).(dict)
	s, ok := d.resolve(desc["FontFile2"]).(*stream)
	if !ok {
		return
	}
	data, err := d.decode(s)
	if err != nil {
		return
	}
	m := cmapGlyphs(data)
	if len(m) == 0 {
		return
	}
	if gs, ok := d.resolve(cid["CIDToGIDMap"]).(*stream); ok {
		b, err := d.decode(gs)
		if err != nil {
			return
		}
		f.cidGID = b
	}
	f.gidText = m
}

// cmapGlyphs inverts a TrueType cmap table (formats 4 and 12 of a Unicode subtable): the first
// character of each glyph. Malformed tables give what was read before the fault.
func cmapGlyphs(ttf []byte) map[uint16]rune {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil
	}
	n := int(be.Uint16(ttf[4:]))
	var cmap []byte
	for i := range n {
		r := 12 + 16*i
		if r+16 > len(ttf) {
			return nil
		}
		if string(ttf[r:r+4]) == "cmap" {
			off, length := int(be.Uint32(ttf[r+8:])), int(be.Uint32(ttf[r+12:]))
			if off < 0 || length < 0 || off > len(ttf) || length > len(ttf)-off {
				return nil
			}
			cmap = ttf[off : off+length]
		}
	}
	if len(cmap) < 4 {
		return nil
	}
	// Prefer the full Unicode subtable (3,10 or 0,4), then the BMP one.
	best, rank := -1, 0
	for i := range int(be.Uint16(cmap[2:])) {
		r := 4 + 8*i
		if r+8 > len(cmap) {
			break
		}
		pid, eid := be.Uint16(cmap[r:]), be.Uint16(cmap[r+2:])
		k := 0
		switch {
		case pid == 3 && eid == 10, pid == 0 && eid >= 4:
			k = 2
		case pid == 3 && eid == 1, pid == 0:
			k = 1
		}
		if k > rank {
			best, rank = int(be.Uint32(cmap[r+4:])), k
		}
	}
	if best < 0 || best+4 > len(cmap) {
		return nil
	}
	t := cmap[best:]
	m := map[uint16]rune{}
	budget := 1 << 20 // characters looked at: a hostile table may claim them all, many times
	add := func(gid uint32, r rune) {
		budget--
		if gid != 0 && gid <= 0xFFFF && len(m) < 0xFFFF {
			if _, ok := m[uint16(gid)]; !ok {
				m[uint16(gid)] = r
			}
		}
	}
	switch be.Uint16(t) {
	case 4:
		if len(t) < 14 {
			return nil
		}
		seg := int(be.Uint16(t[6:])) / 2
		ends, starts, deltas, ranges := 14, 16+2*seg, 16+4*seg, 16+6*seg
		if ranges+2*seg > len(t) {
			return nil
		}
		for i := range seg {
			end, start := be.Uint16(t[ends+2*i:]), be.Uint16(t[starts+2*i:])
			delta, ro := be.Uint16(t[deltas+2*i:]), int(be.Uint16(t[ranges+2*i:]))
			for c := uint32(start); c <= uint32(end) && c != 0xFFFF && budget > 0; c++ {
				var gid uint16
				if ro == 0 {
					gid = uint16(c) + delta
				} else {
					p := ranges + 2*i + ro + 2*int(c-uint32(start))
					if p+2 > len(t) {
						break
					}
					if gid = be.Uint16(t[p:]); gid != 0 {
						gid += delta
					}
				}
				add(uint32(gid), rune(c))
			}
		}
	case 12:
		if len(t) < 16 {
			return nil
		}
		groups := int(be.Uint32(t[12:]))
		for i := 0; i < groups && 16+12*i+12 <= len(t); i++ {
			g := t[16+12*i:]
			lo, hi, gid := be.Uint32(g), be.Uint32(g[4:]), be.Uint32(g[8:])
			if hi < lo || hi-lo > 0x10000 || hi > 0x10FFFF {
				continue
			}
			for c := lo; c <= hi && budget > 0; c++ {
				add(gid+(c-lo), rune(c))
			}
		}
	}
	return m
}
