package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the files must be quiet before a rebuild: editors write a file in
// several steps (truncate and write, or a temporary file and a rename), and saving many files at
// once should give one build. Those steps follow each other within a few milliseconds; the
// debounce is most of the time an edit of a chapter takes to show, so it is kept short.
const debounce = 30 * time.Millisecond

// watched are the parts of a site that a rebuild reads.
var watched = []string{"data", "content", "templates"}

// watch calls rebuild after changes to site.toml, data/, content/ and templates/, one build at a
// time, with the paths that changed since the last call. fsnotify does not recurse, so every
// folder is added, and new folders as they appear.
func watch(ctx context.Context, dir string, rebuild func(changed []string)) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, err
	}
	for _, sub := range watched {
		addTree(w, filepath.Join(dir, sub))
	}
	go func() {
		var timer *time.Timer
		fire := make(chan struct{}, 1)
		var changed []string
		seen := map[string]bool{}
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !relevant(dir, ev.Name) {
					continue
				}
				if !seen[ev.Name] {
					seen[ev.Name] = true
					changed = append(changed, ev.Name)
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						addTree(w, ev.Name)
					}
				}
				if timer == nil {
					timer = time.AfterFunc(debounce, func() {
						select {
						case fire <- struct{}{}:
						default:
						}
					})
				} else {
					timer.Reset(debounce)
				}
			case <-fire:
				if len(changed) == 0 {
					continue
				}
				paths := changed
				changed, seen = nil, map[string]bool{}
				rebuild(paths)
			case <-w.Errors:
			}
		}
	}()
	return w, nil
}

func addTree(w *fsnotify.Watcher, root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			w.Add(p)
		}
		return nil
	})
}

// relevant reports whether a change to path can change the site: site.toml and anything under
// the watched folders, but not editor temporaries and Office lock files.
func relevant(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	base := filepath.Base(path)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".tmp") {
		return false
	}
	if rel == "site.toml" {
		return true
	}
	top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
	for _, w := range watched {
		if top == w {
			return true
		}
	}
	return false
}
