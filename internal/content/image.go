package content

import (
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/youjun-edu/youjun/internal/diag"
)

// MaxImageBytes limits one picture in a chapter.
const MaxImageBytes = 10 << 20

// imageTypes are the picture formats a chapter may show. SVG is not among them: opened on its
// own, an SVG file runs the scripts it contains.
var imageTypes = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true}

// Image is a picture in a chapter, ![说明](图片.png). The site shows only pictures that are files
// in content/: a page must make no request outside the site, and a path must not reach outside
// content/.
type Image struct {
	Line int
	Dest string // as written
	Path string // slash-separated, inside content/; "" when the picture is not shown
	Data []byte // the file, read by LoadDir; nil when it could not be read
}

// checkImage decides where a picture comes from. The message is for a picture the site will not
// show.
func checkImage(dest string) (p, msg string) {
	const hint = "，网站不得向外部发出请求，请把图片放在 content/ 目录中"
	lower := strings.ToLower(strings.TrimSpace(dest))
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "//"):
		return "", "图片引用了外部网址" + hint
	case strings.Contains(lower, ":"):
		return "", "图片地址不是 content/ 中的文件" + hint
	case strings.HasPrefix(lower, "/"), strings.HasPrefix(lower, "\\"):
		return "", "图片地址是绝对路径，请写相对于 content/ 的路径，如 images/校园.png"
	case strings.Contains(lower, "\\"):
		return "", "图片路径请用 / 分隔，不要用 \\"
	case lower == "":
		return "", "图片没有写文件名"
	}
	p, err := url.PathUnescape(dest)
	if err != nil {
		return "", "图片路径中的 % 写法有误"
	}
	p = path.Clean(p)
	if p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
		return "", "图片路径超出了 content/ 目录，请把图片放在 content/ 目录中"
	}
	if !imageTypes[strings.ToLower(path.Ext(p))] {
		return "", "不支持的图片格式（可用 .png、.jpg、.gif、.webp）"
	}
	return p, ""
}

// findImages lists the pictures of a parsed chapter, with a warning for each one the site will not
// show. Links to other sites are not listed: a reader can follow them when online.
func (d *Doc) findImages(probs *diag.List) {
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		im := &Image{Dest: string(img.Destination), Line: d.NodeLine(img)}
		p, msg := checkImage(im.Dest)
		if msg != "" {
			probs.Warn(d.File, im.Line, "", shorten(im.Dest), "%s", msg)
		}
		im.Path = p
		d.images[img] = im
		return ast.WalkContinue, nil
	})
}

// Image returns what is known of a picture of the chapter: nil for one that is not shown.
func (d *Doc) Image(n *ast.Image) *Image {
	if im := d.images[n]; im != nil && im.Data != nil {
		return im
	}
	return nil
}

// readImages reads the chapter's pictures from dir (content/), warning of those that are missing
// or that are not plain files.
func (d *Doc) readImages(dir string, probs *diag.List) {
	read := map[string][]byte{}
	for _, im := range d.images {
		if im.Path == "" {
			continue
		}
		if b, ok := read[im.Path]; ok {
			im.Data = b
			continue
		}
		b, msg := readImage(dir, im.Path)
		if msg != "" {
			probs.Warn(d.File, im.Line, "", shorten(im.Dest), "%s", msg)
		}
		read[im.Path], im.Data = b, b
	}
}

// readImage reads the picture at p, a clean slash-separated path inside dir.
func readImage(dir, p string) ([]byte, string) {
	// Every level of the path is checked: a symbolic link could lead outside the site.
	name := dir
	for _, part := range strings.Split(p, "/") {
		name = filepath.Join(name, part)
		if fi, err := os.Lstat(name); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, "图片路径中有符号链接，请把图片文件本身放在 content/ 目录中"
		}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, "无法读取图片：" + diag.SysError(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, "图片不是普通文件"
	}
	if fi.Size() > MaxImageBytes {
		return nil, "图片太大（最多 " + sizeText(MaxImageBytes) + "），请压缩后再用"
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		return nil, "无法读取图片：" + diag.SysError(err)
	}
	if len(b) > MaxImageBytes {
		return nil, "图片太大（最多 " + sizeText(MaxImageBytes) + "），请压缩后再用"
	}
	return b, ""
}

// shorten keeps a quoted value readable in a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// Pictures are the pictures of d that were read, by their path inside content/: what the
// report shows of them, for their digests in evaluation.json.
func (d *Doc) Pictures() map[string][]byte {
	out := map[string][]byte{}
	for _, im := range d.images {
		if im.Path != "" && im.Data != nil {
			out[im.Path] = im.Data
		}
	}
	return out
}
