package verify

import (
	"github.com/youjun-edu/youjun/internal/pack"
)

// checkManifest compares every file of the package with the manifest: changed, added, removed.
func checkManifest(c *Context) []Finding {
	ms, err := c.Package.Check()
	if err != nil {
		return []Finding{{Kind: KindManifest, File: pack.ManifestName, Message: err.Error()}}
	}
	out := make([]Finding, 0, len(ms))
	for _, m := range ms {
		f := Finding{Kind: KindManifest, File: m.Path, Message: m.Message()}
		if m.Want.SHA256 != "" {
			f.Want = "SHA-256 " + m.Want.SHA256
		}
		if m.Got.SHA256 != "" {
			f.Got = "SHA-256 " + m.Got.SHA256
		}
		out = append(out, f)
	}
	return out
}
