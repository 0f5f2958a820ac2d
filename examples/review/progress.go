package main

import (
	"fmt"
	"io"
	"time"
)

// progress draws "rewriting 3/12 bullets · 4s" on one terminal line of stderr while a model
// rewrites, redrawn after every bullet. It only ever writes to stderr, and run only makes
// one when stderr is a terminal, so stdout and redirected output stay clean.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	p := &progress{w: w, now: now, start: now()}
	fmt.Fprint(w, "\rreview: rewriting through the model…")
	return p
}

// update is a bullets.WithProgress callback; the Rewriter serializes its calls.
func (p *progress) update(done, total int) {
	elapsed := p.now().Sub(p.start).Round(100 * time.Millisecond)
	fmt.Fprintf(p.w, "\r\x1b[Kreview: rewriting %d/%d bullets · %s", done, total, elapsed)
}
