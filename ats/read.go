package ats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// DefaultMaxFileBytes is the largest resume file a zero [Parser] reads with
// [Parser.ReadResume]: 16 MiB, room for a PDF or DOCX with a photo and embedded fonts. The
// text read from the file is then held to MaxBytes.
const DefaultMaxFileBytes = 16 << 20

// ErrNotResume is wrapped by the errors for input that is a document, but not one resumekit
// reads as a resume: a JSON document of another schema, a zip archive that is not a DOCX, a
// legacy Word .doc, a PDF with no PDF reader configured.
var ErrNotResume = errors.New("not a resume format resumekit reads")

// Format is the format a resume was read from.
type Format string

// The formats [Parser.ReadResume] reads.
const (
	FormatText           Format = "text"
	FormatMarkdown       Format = "markdown"
	FormatJSONResume     Format = "json-resume"
	FormatReactiveResume Format = "reactive-resume"
	FormatDOCX           Format = "docx"
	FormatPDF            Format = "pdf"
)

// PDFReader returns the text of a PDF file, in reading order (columns one after the other),
// with lines separated by "\n" and paragraphs by a blank line. Package
// github.com/resumekit/resumekit/ats/pdf provides one; ats itself links no PDF code.
type PDFReader func(ctx context.Context, data []byte) (string, error)

// ReadResume is shorthand for Parser{}.ReadResume(ctx, data, name); a zero Parser has no
// [PDFReader], so PDF input is an error.
func ReadResume(ctx context.Context, data []byte, name string) (Resume, error) {
	return Parser{}.ReadResume(ctx, data, name)
}

// ReadResume reads a resume file, whatever its format, detected from its content:
//
//   - PDF (through p.PDF; without it, an error wrapping [ErrNotResume] that says so),
//   - DOCX (Word, Google Docs, LibreOffice; paragraphs, list paragraphs as bullets,
//     headings by style),
//   - JSON Resume, v0 and v1 (see [Parser.ParseJSONResume]),
//   - Reactive Resume's JSON export,
//   - plain text and Markdown (see [Parser.ParseResume]), in UTF-8 with or without a byte
//     order mark, or UTF-16 with one.
//
// name, the file's name or "", only tells Markdown from plain text in [Resume.Format] when
// the content does not; it never overrides what the content is. [Resume.Text] is the text
// the offsets refer to: the file's text, or for the other formats the Markdown rendered from
// them. Files over MaxFileBytes are an error wrapping [ErrTooLarge]; a JSON document that is
// neither resume format, a zip archive that is not a DOCX and a Word 97–2003 .doc are errors
// wrapping [ErrNotResume]. ctx bounds the PDF reader.
func (p Parser) ReadResume(ctx context.Context, data []byte, name string) (Resume, error) {
	if limit := p.maxFileBytes(); len(data) > limit {
		return Resume{}, fmt.Errorf("ats: read resume: %w: %d bytes, limit %d", ErrTooLarge, len(data), limit)
	}
	switch {
	case isPDF(data):
		if p.PDF == nil {
			return Resume{}, fmt.Errorf("ats: read resume: %w: PDF input needs a PDF reader: set Parser.PDF, for example to pdf.New().Text from package github.com/resumekit/resumekit/ats/pdf", ErrNotResume)
		}
		text, err := p.PDF(ctx, data)
		if err != nil {
			return Resume{}, fmt.Errorf("ats: read resume: %w", err)
		}
		r, err := p.ParseResume(text)
		r.Format = FormatPDF
		return r, err
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		text, err := p.docxText(data)
		if err != nil {
			return Resume{}, err
		}
		r, err := p.ParseResume(text)
		r.Format = FormatDOCX
		return r, err
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return Resume{}, fmt.Errorf("ats: read resume: %w: a Word 97–2003 .doc file: save it as .docx or PDF", ErrNotResume)
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return Resume{}, fmt.Errorf("ats: read resume: %w: an RTF file: save it as .docx, PDF or plain text", ErrNotResume)
	}
	text, err := DecodeText(data)
	if err != nil {
		return Resume{}, err
	}
	r, err := p.parseText(text)
	if err == nil && r.Format == FormatText && (isMarkdownName(name) || looksMarkdown(r.Text)) {
		r.Format = FormatMarkdown
	}
	return r, err
}

func (p Parser) maxFileBytes() int {
	if p.MaxFileBytes > 0 {
		return p.MaxFileBytes
	}
	return DefaultMaxFileBytes
}

// isPDF reports whether data is a PDF: "%PDF-" within its first kilobyte, where readers
// look for it.
func isPDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// parseText reads a resume given as text: a JSON Resume or Reactive Resume document when
// it starts with "{" (malformed JSON is an error), plain text or Markdown otherwise.
func (p Parser) parseText(text string) (Resume, error) {
	text = stripBOM(text)
	trimmed := strings.TrimSpace(text)
	if !strings.HasPrefix(trimmed, "{") {
		return p.ParseResume(text)
	}
	// No resume text starts with a brace: a document that does is JSON, broken or not.
	return p.ParseJSONResume([]byte(trimmed))
}

func isMarkdownName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return true
	}
	return false
}

// looksMarkdown reports whether text uses Markdown's headings or emphasis.
func looksMarkdown(text string) bool {
	for _, l := range splitLines(text) {
		t := strings.TrimSpace(l.text)
		if strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "## ") || strings.HasPrefix(t, "### ") ||
			strings.HasPrefix(t, "**") || strings.HasPrefix(t, "---") && l.number == 1 {
			return true
		}
	}
	return false
}
