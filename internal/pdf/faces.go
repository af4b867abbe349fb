package pdf

import (
	"fmt"

	"github.com/signintech/gopdf"

	"github.com/youjun-edu/youjun/internal/pdf/fonts"
)

// Fonts are a font set parsed for gopdf, once for any number of PDFs: parsing a CJK font of
// several megabytes is a sizeable part of a PDF's time, which a build spends while it loads and
// evaluates the site (see ParseFonts). The parsed fonts are only read, also by PDFs typeset at
// the same time.
type Fonts struct {
	Set       fonts.Set
	family    map[*fonts.Face]string // the name in the PDF of each face
	container gopdf.FontContainer    // the parsed faces by family
}

// ParseFonts parses every face of set.
func ParseFonts(set fonts.Set) (*Fonts, error) {
	f := &Fonts{Set: set, family: map[*fonts.Face]string{}}
	for r, face := range set {
		if _, ok := f.family[face]; ok {
			continue
		}
		fam := familyName(face, len(f.family))
		if err := f.container.AddTTFFontDataWithOption(fam, face.Data, ttfOption()); err != nil {
			return nil, fmt.Errorf("%s字体 %s：%v", fonts.Role(r), face.Name, err)
		}
		f.family[face] = fam
	}
	return f, nil
}

// ttfOption keeps a missing glyph missing: it is found before drawing (see typesetter.face),
// never replaced silently by gopdf.
func ttfOption() gopdf.TtfOption {
	return gopdf.TtfOption{OnGlyphNotFoundSubstitute: func(r rune) rune { return r }}
}
