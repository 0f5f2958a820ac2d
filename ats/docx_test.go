package ats

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zipOf writes a zip archive with the given files, in name order.
func zipOf(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	for _, n := range sortedStrings(names) {
		w, err := zw.Create(n)
		require.NoError(tb, err)
		_, err = w.Write([]byte(files[n]))
		require.NoError(tb, err)
	}
	require.NoError(tb, zw.Close())
	return buf.Bytes()
}

func sortedStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// docxPara is one paragraph of a generated DOCX: its style id ("" for Normal), whether it
// is a numbered list paragraph, and its runs.
type docxPara struct {
	style string
	list  bool
	runs  []string
}

// docxOf writes a DOCX the way Word does: [Content_Types].xml, word/document.xml with
// w:p/w:pPr/w:r/w:t, list paragraphs with w:numPr, and a word/styles.xml whose style ids
// are localised (German "berschrift1") while the names stay "heading 1".
func docxOf(tb testing.TB, body string) []byte {
	tb.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ` + ns + `>` +
		`<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`</w:styles>`
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + ns + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
	return zipOf(tb, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   doc,
		"word/styles.xml":     styles,
	})
}

func paras(ps ...docxPara) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<w:p>")
		if p.style != "" || p.list {
			b.WriteString("<w:pPr>")
			if p.style != "" {
				fmt.Fprintf(&b, `<w:pStyle w:val="%s"/>`, p.style)
			}
			if p.list {
				b.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>`)
			}
			b.WriteString("</w:pPr>")
		}
		for _, r := range p.runs {
			fmt.Fprintf(&b, `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, r)
		}
		b.WriteString("</w:p>")
	}
	return b.String()
}

func TestReadDOCX(t *testing.T) {
	t.Parallel()
	body := paras(
		docxPara{style: "Title", runs: []string{"Ada ", "Lovelace"}},
		docxPara{runs: []string{"ada@example.com"}},
		docxPara{style: "berschrift1", runs: []string{"Berufserfahrung"}},
		docxPara{style: "Heading2", runs: []string{"Senior Engineer, Acme GmbH"}},
		docxPara{runs: []string{"Jan 2020 – Present"}},
		docxPara{list: true, runs: []string{"Built ", "Kafka", " pipelines in Go"}},
		docxPara{style: "ListBullet", runs: []string{"Cut costs by 30% with PostgreSQL partitioning"}},
	) +
		// A text box Word also saves as a VML fallback: read once.
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>` + paras(docxPara{runs: []string{"Open to relocation"}}) +
		`</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>` + paras(docxPara{runs: []string{"Open to relocation"}}) +
		`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		// A two-column layout table: the left column, then the right.
		`<w:tbl><w:tr><w:tc>` + paras(docxPara{style: "Heading2", runs: []string{"Skills"}}, docxPara{runs: []string{"Go, Kafka"}}) +
		`</w:tc><w:tc>` + paras(docxPara{style: "Heading2", runs: []string{"Education"}}, docxPara{runs: []string{"MIT"}}) + `</w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>Deleted? </w:t></w:r><w:del><w:r><w:delText>old text</w:delText></w:r></w:del></w:p>`
	r, err := ReadResume(context.Background(), docxOf(t, body), "cv.docx")
	require.NoError(t, err)
	assert.Equal(t, FormatDOCX, r.Format)
	assert.Equal(t, []string{"other:Ada Lovelace", "experience:Berufserfahrung", "skills:Skills", "education:Education"}, kinds(r))
	assert.Equal(t, []string{"Built Kafka pipelines in Go", "Cut costs by 30% with PostgreSQL partitioning"}, bulletTexts(r))
	assert.Equal(t, 1, strings.Count(r.Text, "Open to relocation"))
	assert.NotContains(t, r.Text, "old text")
	require.Len(t, r.Sections[1].Entries, 1)
	assert.Equal(t, Entry{Title: "Senior Engineer", Org: "Acme GmbH", Dates: "Jan 2020 – Present", Line: 4, Start: r.Sections[1].Entries[0].Start}, r.Sections[1].Entries[0])
}

func TestReadDOCXErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, err := ReadResume(ctx, []byte("PK\x03\x04 broken"), "")
	require.ErrorIs(t, err, ErrNotResume)
	assert.Contains(t, err.Error(), "not a readable zip archive")

	_, err = ReadResume(ctx, zipOf(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), "")
	require.ErrorIs(t, err, ErrNotResume)
	assert.Contains(t, err.Error(), "not well-formed XML")

	// A zip bomb: 40 MiB of zeros packs into a few kilobytes.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 40 {
		_, err = w.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.Less(t, buf.Len(), 200<<10)
	_, err = ReadResume(ctx, buf.Bytes(), "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unpacks to more than 32 MiB (a zip bomb?)")

	// Text past MaxBytes.
	big := paras(docxPara{runs: []string{strings.Repeat("Built Go services. ", 100)}})
	_, err = Parser{MaxBytes: 1000}.ReadResume(ctx, docxOf(t, big), "")
	require.ErrorIs(t, err, ErrTooLarge)

	_, err = ReadResume(ctx, docxOf(t, ""), "")
	require.ErrorIs(t, err, ErrEmpty)
}

func FuzzDOCX(f *testing.F) {
	f.Add(docxOf(f, paras(docxPara{style: "Heading2", runs: []string{"Experience"}}, docxPara{list: true, runs: []string{"Built it"}})))
	f.Add(zipOf(f, map[string]string{"word/document.xml": "<w:p><w:t>x</w:t>"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parser{MaxBytes: 1 << 16}.ReadResume(context.Background(), data, "")
		if err != nil {
			return
		}
		for _, l := range r.Bullets() {
			if l.Start < 0 || l.End > len(r.Text) || l.Start > l.End {
				t.Fatalf("line %q has offsets %d..%d outside the text (%d bytes)", l.Text, l.Start, l.End, len(r.Text))
			}
		}
	})
}
