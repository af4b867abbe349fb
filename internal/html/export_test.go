package html

// BuildTemplatesOnly is Build executing the templates for every page, also those that youjun
// writes in Go when the site uses its own templates (fastpage.go).
func BuildTemplatesOnly(in Input) (map[string][]byte, int, error) { return build(in, true) }
