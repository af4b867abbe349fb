package build

import (
	"os"
	"path/filepath"
)

// earlyWrite writes the pages, the downloads and evaluation.json into a new output folder
// beside the old one while the PDF is still being typeset, which takes longer than the pages:
// the disk's work then overlaps the typesetting. Nothing replaces the old output until finish,
// after every check has passed; abort removes the new folder.
type earlyWrite struct {
	files map[string][]byte
	tmp   string
	err   error
	done  chan struct{}
}

// startWrite writes files into a new folder next to out, in the background.
func startWrite(out string, files map[string][]byte) *earlyWrite {
	w := &earlyWrite{files: files, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		w.tmp, w.err = newOutput(out, files)
	}()
	return w
}

// newOutput makes a folder beside out that holds files and youjun's marker, and returns it.
// On an error nothing of it is left.
func newOutput(out string, files map[string][]byte) (tmp string, err error) {
	if err := checkNames(files); err != nil {
		return "", err
	}
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	removeStale(parent, filepath.Base(out))
	tmp, err = os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return "", err
	}
	if err := writeMarker(tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// finish adds the files that were not written early (the PDF) and puts the folder in place of
// out.
func (w *earlyWrite) finish(out string, files map[string][]byte) error {
	<-w.done
	if w.err != nil {
		return w.err
	}
	rest := map[string][]byte{}
	for name, b := range files {
		if _, ok := w.files[name]; !ok {
			rest[name] = b
		}
	}
	err := checkNames(rest)
	if err == nil {
		err = writeAll(w.tmp, rest)
	}
	if err == nil {
		err = os.Chmod(w.tmp, 0o755)
	}
	if err == nil {
		_, err = swapIn(w.tmp, filepath.Clean(out), exchange)
	}
	if err != nil {
		os.RemoveAll(w.tmp)
	}
	return err
}

// abort removes what was written early.
func (w *earlyWrite) abort() {
	<-w.done
	if w.tmp != "" {
		os.RemoveAll(w.tmp)
	}
}
