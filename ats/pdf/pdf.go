// Package pdf reads the text of PDF resumes, in reading order, for package ats. It runs
// PDFium compiled to WebAssembly (go-pdfium's webassembly mode on the wazero runtime): pure
// Go, no cgo, nothing to install. It lives apart from ats so that a program importing ats
// alone links no PDF code.
//
//	r := pdf.New()
//	defer r.Close()
//	p := ats.Parser{PDF: r.Text}
//	resume, err := p.ReadResume(ctx, data, "cv.pdf")
//
// PDFium gives every run of text with its position; Text puts the runs back into lines and
// a two-column page (a sidebar of skills beside the experience) out column by column: the
// text above the columns, the left column, the right column, the text below; a narrow
// sidebar on the left comes after the main column.
//
// # Concurrency
//
// A [Reader] is safe for concurrent use; it owns one PDFium instance and reads one document
// at a time. The WebAssembly module is loaded on the first call to Text (about half a
// second; see the package benchmarks), not by New.
//
// # Errors
//
// Text returns errors prefixed "pdf: ": [ErrNoText] for a PDF without a text layer (a
// scan), [ErrEncrypted] for a password-protected one, [ErrTooManyPages] past the page
// limit; each message says what to do. PDFium runs with at most 1 GiB of memory and no file
// system; a document that needs more, or that makes PDFium fail inside, gets an error and the
// next call starts a fresh instance. Nothing is logged or printed.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// DefaultMaxPages is the page limit of a Reader made without [WithMaxPages].
const DefaultMaxPages = 20

// maxMemoryPages caps PDFium's WebAssembly memory at 1 GiB (64 KiB pages), so that a
// crafted PDF that inflates huge streams fails instead of taking the machine's memory.
const maxMemoryPages = 1 << 14

// Errors Text returns, wrapped with what to do; test with errors.Is.
var (
	ErrNoText       = errors.New("pdf: no text layer")
	ErrEncrypted    = errors.New("pdf: encrypted")
	ErrTooManyPages = errors.New("pdf: too many pages")
)

// Reader reads the text of PDF files. Make one with [New] and share it; Close releases the
// PDFium instance.
type Reader struct {
	maxPages int
	memPages uint32 // WebAssembly memory cap in 64 KiB pages; tests lower it

	mu      sync.Mutex // one document at a time through the one instance
	started bool
	initErr error
	pool    pdfium.Pool
	inst    pdfium.Pdfium
}

// Option configures a [Reader].
type Option func(*Reader)

// WithMaxPages sets the most pages a document may have; longer documents are an error
// wrapping [ErrTooManyPages]. The default is DefaultMaxPages. It panics if n < 1.
func WithMaxPages(n int) Option {
	if n < 1 {
		panic("pdf: WithMaxPages with n < 1")
	}
	return func(r *Reader) { r.maxPages = n }
}

// New returns a Reader. It loads nothing yet: PDFium starts on the first call to Text.
func New(opts ...Option) *Reader {
	r := &Reader{maxPages: DefaultMaxPages, memPages: maxMemoryPages}
	for _, o := range opts {
		o(r)
	}
	return r
}

// start loads PDFium once. It runs in wazero's interpreter: compiling PDFium's 5.8 MB of
// WebAssembly to machine code takes 8–15 s per process on two cores, which a command that
// reads one resume never wins back; the interpreter starts in about 0.5 s.
func (r *Reader) start() error {
	if r.started {
		return r.initErr
	}
	r.started = true
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		// PDFium needs WebAssembly exception handling (its setjmp/longjmp).
		RuntimeConfig: wazero.NewRuntimeConfigInterpreter().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithMemoryLimitPages(r.memPages),
		FSConfig: wazero.NewFSConfig(), // no file system: documents come as bytes
		Stdout:   io.Discard,
		Stderr:   io.Discard,
	})
	if err != nil {
		r.initErr = fmt.Errorf("pdf: start PDFium: %w", err)
		return r.initErr
	}
	inst, err := pool.GetInstance(30 * time.Second)
	if err != nil {
		pool.Close()
		r.initErr = fmt.Errorf("pdf: start PDFium: %w", err)
		return r.initErr
	}
	r.pool, r.inst = pool, inst
	return nil
}

// Close releases PDFium. A closed Reader's Text returns an error.
func (r *Reader) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pool == nil {
		r.started, r.initErr = true, errors.New("pdf: reader closed")
		return nil
	}
	r.inst.Close()
	err := r.pool.Close()
	r.pool, r.inst = nil, nil
	r.started, r.initErr = true, errors.New("pdf: reader closed")
	return err
}

// Text returns the text of a PDF document in reading order, lines separated by "\n" and
// blocks by a blank line, pages by a blank line; it has the signature of ats.PDFReader.
// ctx is checked between pages.
func (r *Reader) Text(ctx context.Context, data []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.start(); err != nil {
		return "", err
	}
	text, err := r.read(ctx, data)
	if err != nil && !pdfiumAnswered(err) {
		// PDFium trapped (an abort, out of memory): its instance is in an unknown state.
		// Drop it; the next call starts a fresh one.
		r.discard()
	}
	return text, err
}

// pdfiumAnswered reports whether err is an answer (a refused file, a cancelled context, one
// of ours) rather than a failure inside PDFium that leaves the instance unusable.
func pdfiumAnswered(err error) bool {
	for _, known := range []error{
		pdfiumerrors.ErrFile, pdfiumerrors.ErrFormat, pdfiumerrors.ErrPassword, pdfiumerrors.ErrSecurity,
		pdfiumerrors.ErrPage, ErrEncrypted, ErrNoText, ErrTooManyPages, context.Canceled, context.DeadlineExceeded,
	} {
		if errors.Is(err, known) {
			return true
		}
	}
	return false
}

// discard closes the PDFium instance after a failure inside it; the next read starts over.
func (r *Reader) discard() {
	r.inst.Close()
	r.pool.Close() // the instance is thrown away; a failure to close it changes nothing
	r.pool, r.inst = nil, nil
	r.started, r.initErr = false, nil
}

func (r *Reader) read(ctx context.Context, data []byte) (string, error) {
	doc, err := r.inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		if errors.Is(err, pdfiumerrors.ErrPassword) {
			return "", fmt.Errorf("%w: the file needs a password: open it, then save or print it to a new PDF without one", ErrEncrypted)
		}
		return "", fmt.Errorf("pdf: open document: %w", err)
	}
	defer r.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document}) // closing cannot lose text already read
	count, err := r.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return "", fmt.Errorf("pdf: count pages: %w", err)
	}
	if count.PageCount > r.maxPages {
		return "", fmt.Errorf("%w: %d pages, limit %d", ErrTooManyPages, count.PageCount, r.maxPages)
	}
	var out strings.Builder
	for i := range count.PageCount {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}
		st, err := r.inst.GetPageTextStructured(&requests.GetPageTextStructured{Page: page, Mode: requests.GetPageTextStructuredModeBoth})
		if err != nil {
			return "", fmt.Errorf("pdf: read page %d: %w", i+1, err)
		}
		if text := layout(runsOf(st.Rects, st.Chars)); text != "" {
			if out.Len() > 0 {
				out.WriteString("\n\n")
			}
			out.WriteString(text)
		}
	}
	if strings.TrimSpace(out.String()) == "" {
		return "", fmt.Errorf("%w: the pages are images (a scan?): export the resume from your editor as a PDF with text or as DOCX, or run OCR on it first", ErrNoText)
	}
	return out.String(), nil
}

// runsOf returns the page's runs: PDFium's rects (text on one line in one font) with the
// chars that make them up. PDFium gives a rect the text of every char inside its box, so
// a char in two overlapping boxes (kerned or italic text, a word set in two text objects)
// would be read twice, "Nonprorofits" for "Nonprofits"; here each char goes to one rect:
// rects are built from consecutive chars, so a char belongs to the rect its predecessor
// belonged to, or to the next one holding it. A char without a box (a space PDFium
// generated between words) stays with the current rect; control characters are dropped.
func runsOf(rects []*responses.GetPageTextStructuredRect, chars []*responses.GetPageTextStructuredChar) []run {
	runs := make([]run, len(rects))
	texts := make([]strings.Builder, len(rects))
	for i, rc := range rects {
		p := rc.PointPosition
		runs[i] = run{x0: p.Left, x1: p.Right, top: p.Top, bot: p.Bottom}
	}
	cur := 0
	for _, c := range chars {
		if r, _ := utf8.DecodeRuneInString(c.Text); c.Text == "" || unicode.IsControl(r) {
			continue // line breaks PDFium generates, and control codes some fonts map glyphs to
		}
		p := c.PointPosition
		if p.Right <= p.Left && p.Top <= p.Bottom {
			if cur < len(texts) && texts[cur].Len() > 0 {
				texts[cur].WriteString(c.Text)
			}
			continue
		}
		x, y := (p.Left+p.Right)/2, (p.Top+p.Bottom)/2
		k := holder(runs, cur, x, y)
		if k < 0 {
			continue // outside every rect, as PDFium's rect text leaves it
		}
		cur = k
		texts[k].WriteString(c.Text)
	}
	for i := range runs {
		runs[i].text = texts[i].String()
	}
	return runs
}

// holder returns the index of the rect from runs[from:] (then from the start) whose box
// holds the point (x, y), with half a point of tolerance, or -1.
func holder(runs []run, from int, x, y float64) int {
	in := func(r run) bool {
		return x >= r.x0-0.5 && x <= r.x1+0.5 && y >= r.bot-0.5 && y <= r.top+0.5
	}
	for k := from; k < len(runs); k++ {
		if in(runs[k]) {
			return k
		}
	}
	for k := 0; k < from && k < len(runs); k++ {
		if in(runs[k]) {
			return k
		}
	}
	return -1
}
