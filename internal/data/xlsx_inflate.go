package data

import "io"

// inflater unpacks a part of the zip on a goroutine of its own, a few chunks ahead of its
// reader: unpacking a sheet costs about half as much as scanning it, and so runs beside the
// scanner on another core. Its reader gets the same bytes, then the same error, as from the
// part itself.
type inflater struct {
	full     chan chunkRead // chunks unpacked, in order
	empty    chan []byte    // chunks read, to fill again
	done     chan struct{}  // closed by Close: stop unpacking
	finished chan struct{}  // closed when the goroutine has stopped using the part
	cur      []byte         // the unread rest of the chunk being read
	buf      []byte         // the chunk being read, whole
	err      error          // the error after the chunk being read
}

type chunkRead struct {
	b   []byte
	err error
}

const (
	inflateChunk  = 128 << 10
	inflateChunks = 3
)

func newInflater(r io.Reader) *inflater {
	in := &inflater{
		full:     make(chan chunkRead, inflateChunks),
		empty:    make(chan []byte, inflateChunks),
		done:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	for range inflateChunks {
		in.empty <- make([]byte, inflateChunk)
	}
	go in.run(r)
	return in
}

// run unpacks chunks until the part ends, fails, or the reader is closed.
func (in *inflater) run(r io.Reader) {
	defer close(in.finished)
	for {
		var b []byte
		select {
		case b = <-in.empty:
		case <-in.done:
			return
		}
		n, err := fillChunk(r, b)
		select {
		case in.full <- chunkRead{b[:n], err}:
		case <-in.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// fillChunk reads into b until it is full or r fails or ends.
func fillChunk(r io.Reader, b []byte) (int, error) {
	n := 0
	for empty := 0; n < len(b); {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
		if m == 0 {
			if empty++; empty > 100 {
				return n, io.ErrNoProgress
			}
		}
	}
	return n, nil
}

func (in *inflater) Read(p []byte) (int, error) {
	for len(in.cur) == 0 {
		if in.err != nil {
			return 0, in.err
		}
		if in.buf != nil {
			in.empty <- in.buf[:cap(in.buf)] // never blocks: there are only so many chunks
		}
		c := <-in.full
		in.buf, in.cur, in.err = c.b, c.b, c.err
	}
	n := copy(p, in.cur)
	in.cur = in.cur[n:]
	return n, nil
}

// Close stops the unpacking and waits until the part is no longer read, so that it can be
// closed.
func (in *inflater) Close() {
	close(in.done)
	<-in.finished
}
