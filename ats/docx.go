package ats

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDOCXPart is the most bytes read from one part of a DOCX archive once unpacked: a
// two-page resume's word/document.xml is tens of kilobytes; a part that unpacks to more is
// a zip bomb, or not a resume.
const maxDOCXPart = 32 << 20

// errDOCXTooLarge is wrapped when a part of the archive unpacks past maxDOCXPart.
var errDOCXTooLarge = errors.New("unpacks to more than 32 MiB")

// docxText reads a DOCX file (Word, Google Docs, LibreOffice) as the Markdown ParseResume
// reads: paragraphs as lines, list paragraphs as "- " items, paragraphs in a heading or
// title style as "#" headings, table cells in order (a two-column layout table comes out
// column by column). Text boxes are read where they are anchored; the fallback copies Word
// keeps for old readers are skipped.
func (p Parser) docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("ats: read DOCX: %w: not a readable zip archive: %v", ErrNotResume, err)
	}
	var doc, styles *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			doc = f
		case "word/styles.xml":
			styles = f
		}
	}
	if doc == nil {
		if opendocument(zr) {
			return "", fmt.Errorf("ats: read resume: %w: an OpenDocument text (.odt): save it as .docx or PDF", ErrNotResume)
		}
		return "", fmt.Errorf("ats: read resume: %w: a zip archive with no word/document.xml, not a DOCX", ErrNotResume)
	}
	st := docxStyles{}
	if styles != nil {
		raw, err := readZipPart(styles)
		if err != nil {
			return "", err
		}
		st = parseDOCXStyles(raw)
	}
	raw, err := readZipPart(doc)
	if err != nil {
		return "", err
	}
	text, err := docxBody(raw, st, p.maxBytes())
	if err != nil {
		return "", fmt.Errorf("ats: read DOCX: %w", err)
	}
	return text, nil
}

// opendocument reports whether the archive is an OpenDocument text: its "mimetype" part
// says so.
func opendocument(zr *zip.Reader) bool {
	for _, f := range zr.File {
		if f.Name == "mimetype" && f.UncompressedSize64 <= 100 {
			raw, err := readZipPart(f)
			return err == nil && strings.HasPrefix(string(raw), "application/vnd.oasis.opendocument.text")
		}
	}
	return false
}

func (p Parser) maxBytes() int {
	if p.MaxBytes > 0 {
		return p.MaxBytes
	}
	return DefaultMaxBytes
}

// readZipPart unpacks one part, reading at most maxDOCXPart+1 bytes whatever its header
// claims.
func readZipPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxDOCXPart {
		return nil, fmt.Errorf("ats: read DOCX: %s %w (a zip bomb?)", f.Name, errDOCXTooLarge)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("ats: read DOCX: %s: %w", f.Name, err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, maxDOCXPart+1))
	if err != nil {
		return nil, fmt.Errorf("ats: read DOCX: %s: %w", f.Name, err)
	}
	if len(raw) > maxDOCXPart {
		return nil, fmt.Errorf("ats: read DOCX: %s %w (a zip bomb?)", f.Name, errDOCXTooLarge)
	}
	return raw, nil
}

// docxStyle is what a paragraph style means for reading: a heading level (1–6, 0 for
// none) and whether it makes a list item.
type docxStyle struct {
	level int
	list  bool
}

type docxStyles map[string]docxStyle

// parseDOCXStyles reads word/styles.xml: a style is a heading when its name is "heading N"
// or "Title" (Word's built-in names, the same in every language) or it sets an outline
// level, and a list when it is numbered or named like "List Bullet". A malformed styles part
// only loses the styles.
func parseDOCXStyles(raw []byte) docxStyles {
	var doc struct {
		Styles []struct {
			ID   string `xml:"styleId,attr"`
			Name struct {
				Val string `xml:"val,attr"`
			} `xml:"name"`
			PPr struct {
				Outline *struct {
					Val string `xml:"val,attr"`
				} `xml:"outlineLvl"`
				NumPr *struct{} `xml:"numPr"`
			} `xml:"pPr"`
		} `xml:"style"`
	}
	out := docxStyles{}
	if xml.Unmarshal(raw, &doc) != nil {
		return out
	}
	for _, s := range doc.Styles {
		name := strings.ToLower(s.Name.Val)
		var st docxStyle
		switch {
		case name == "title":
			st.level = 1
		case strings.HasPrefix(name, "heading "):
			if n, err := strconv.Atoi(strings.TrimPrefix(name, "heading ")); err == nil && n >= 1 {
				st.level = min(n+1, 6)
			}
		case s.PPr.Outline != nil:
			if n, err := strconv.Atoi(s.PPr.Outline.Val); err == nil && n >= 0 && n < 9 {
				st.level = min(n+2, 6)
			}
		}
		st.list = s.PPr.NumPr != nil || strings.HasPrefix(name, "list bullet") || strings.HasPrefix(name, "list number")
		out[s.ID] = st
	}
	return out
}

// docxStyleLevel reads a paragraph's style id when styles.xml is missing: "Heading2",
// "Title", "ListBullet".
func docxStyleLevel(id string) docxStyle {
	lower := strings.ToLower(id)
	switch {
	case lower == "title":
		return docxStyle{level: 1}
	case strings.HasPrefix(lower, "heading"):
		if n, err := strconv.Atoi(strings.TrimPrefix(lower, "heading")); err == nil && n >= 1 {
			return docxStyle{level: min(n+1, 6)}
		}
	case strings.HasPrefix(lower, "listbullet"), strings.HasPrefix(lower, "listnumber"), lower == "listparagraph":
		return docxStyle{list: true}
	}
	return docxStyle{}
}

// docxParagraph collects one w:p while it is read.
type docxParagraph struct {
	text  strings.Builder
	style string
	list  bool
}

// docxBody walks word/document.xml and writes its paragraphs as Markdown, stopping with an
// error wrapping ErrTooLarge once the text passes limit bytes.
func docxBody(raw []byte, styles docxStyles, limit int) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	var out strings.Builder
	var stack []*docxParagraph // text boxes nest paragraphs inside paragraphs
	skip := 0                  // depth inside mc:Fallback, deleted text, field codes
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%w: word/document.xml is not well-formed XML: %v", ErrNotResume, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "Fallback", "delText", "instrText", "del":
				skip = 1
			case "p":
				stack = append(stack, &docxParagraph{})
			case "pStyle":
				if len(stack) > 0 {
					stack[len(stack)-1].style = attr(t, "val")
				}
			case "numPr":
				if len(stack) > 0 {
					stack[len(stack)-1].list = true
				}
			case "t":
				inText = true
			case "tab":
				if len(stack) > 0 {
					stack[len(stack)-1].text.WriteByte(' ')
				}
			case "br", "cr":
				if len(stack) > 0 && attr(t, "type") != "page" {
					stack[len(stack)-1].text.WriteByte('\n')
				}
			case "noBreakHyphen":
				if len(stack) > 0 {
					stack[len(stack)-1].text.WriteByte('-')
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if len(stack) == 0 {
					continue
				}
				para := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				writeDOCXParagraph(&out, para, styles)
				if out.Len() > limit {
					return "", fmt.Errorf("%w: the text passes %d bytes", ErrTooLarge, limit)
				}
			case "tc":
				out.WriteByte('\n') // cells are blocks of their own
			}
		case xml.CharData:
			if inText && skip == 0 && len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	return out.String(), nil
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func writeDOCXParagraph(out *strings.Builder, para *docxParagraph, styles docxStyles) {
	st, ok := styles[para.style]
	if !ok {
		st = docxStyleLevel(para.style)
	}
	lines := strings.Split(para.text.String(), "\n")
	for i, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		switch {
		case st.level > 0:
			out.WriteString(strings.Repeat("#", st.level) + " " + l + "\n")
			continue
		case (para.list || st.list) && i == 0 && bulletMarker(l) == 0:
			out.WriteString("- ")
		}
		out.WriteString(l)
		out.WriteByte('\n')
	}
	if strings.TrimSpace(para.text.String()) == "" {
		out.WriteByte('\n') // an empty paragraph is the blank line between blocks
	}
}
