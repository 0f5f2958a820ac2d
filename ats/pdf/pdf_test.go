package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"sync"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
)

// shared is one Reader for the package's tests: PDFium loads once per process.
var shared = sync.OnceValue(func() *Reader { return New() })

// newPDF returns an A4 document in points with the core Helvetica font.
func newPDF() *fpdf.Fpdf {
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCompression(true)
	p.SetFont("Helvetica", "", 10)
	return p
}

// titledPage starts a PDF with a page whose first line, at the top left, is title in bold
// at size points; the body font follows.
func titledPage(title string, size float64) *fpdf.Fpdf {
	p := newPDF()
	p.AddPage()
	p.SetFont("Helvetica", "B", size)
	p.Text(40, 50, title)
	p.SetFont("Helvetica", "", 10)
	return p
}

func bytesOf(tb testing.TB, p *fpdf.Fpdf) []byte {
	tb.Helper()
	var buf bytes.Buffer
	require.NoError(tb, p.Output(&buf))
	return buf.Bytes()
}

// twoColumnPDF draws a resume with a full-width name and contact line, then a main column
// of experience on the left and a sidebar of skills and education on the right, writing the
// two columns row by row, as table-based templates do, so that the content stream
// interleaves them.
func twoColumnPDF(tb testing.TB) []byte {
	tb.Helper()
	p := titledPage("Ada Lovelace - Backend Engineer, Berlin, ada@example.com, +49 30 1234567", 18)
	left := []string{
		"EXPERIENCE",
		"Senior Backend Engineer, Acme GmbH",
		"Jan 2020 - Present",
		"- Built Kafka pipelines in Go that move",
		"   2M events a day for 40 teams",
		"- Cut p99 latency by 60% with Redis",
		"Backend Engineer, Beta Corp",
		"2017 - 2019",
		"- Ran PostgreSQL on Kubernetes",
	}
	right := []string{"SKILLS", "Go, Kafka, Redis", "PostgreSQL", "Kubernetes", "EDUCATION", "MSc, TU Berlin", "LANGUAGES", "English, German"}
	for i := 0; i < max(len(left), len(right)); i++ {
		y := 90 + float64(i)*16
		if i < len(left) {
			x := 40.0
			if strings.HasPrefix(left[i], "   ") {
				x = 49
			}
			p.Text(x, y, strings.TrimSpace(left[i]))
		}
		if i < len(right) {
			p.Text(380, y, right[i])
		}
	}
	return bytesOf(tb, p)
}

func TestTwoColumnsReadColumnByColumn(t *testing.T) {
	t.Parallel()
	text, err := shared().Text(context.Background(), twoColumnPDF(t))
	require.NoError(t, err)
	iExp, iSkills, iEdu := strings.Index(text, "EXPERIENCE"), strings.Index(text, "SKILLS"), strings.Index(text, "EDUCATION")
	iLast := strings.Index(text, "Ran PostgreSQL on Kubernetes")
	require.True(t, iExp >= 0 && iSkills >= 0 && iEdu >= 0 && iLast >= 0, text)
	assert.Less(t, strings.Index(text, "Ada Lovelace"), iExp, "the header comes first")
	assert.Less(t, iLast, iSkills, "the whole left column comes before the sidebar:\n%s", text)
	assert.Less(t, iSkills, iEdu)

	r, err := ats.Parser{PDF: shared().Text}.ReadResume(context.Background(), twoColumnPDF(t), "cv.pdf")
	require.NoError(t, err)
	assert.Equal(t, ats.FormatPDF, r.Format)
	var kinds []ats.SectionKind
	for _, s := range r.Sections {
		kinds = append(kinds, s.Kind)
	}
	assert.Equal(t, []ats.SectionKind{ats.Other, ats.Experience, ats.Skills, ats.Education, ats.Other}, kinds)
	var bullets []string
	for _, l := range r.Bullets() {
		bullets = append(bullets, l.Text)
	}
	assert.Equal(t, []string{
		"Built Kafka pipelines in Go that move 2M events a day for 40 teams",
		"Cut p99 latency by 60% with Redis",
		"Ran PostgreSQL on Kubernetes",
	}, bullets, "the wrapped bullet is joined by its hanging indent")
	require.Len(t, r.Sections[1].Entries, 2)
	assert.Equal(t, "Senior Backend Engineer", r.Sections[1].Entries[0].Title)
	assert.Equal(t, "Acme GmbH", r.Sections[1].Entries[0].Org)
	assert.Equal(t, "Jan 2020 - Present", r.Sections[1].Entries[0].Dates)
}

func TestSingleColumnKeepsLines(t *testing.T) {
	t.Parallel()
	p := newPDF()
	p.AddPage()
	p.MultiCell(0, 14, "Ada Lovelace\n\nEXPERIENCE\n- Built Go services with Kafka\n- Ran PostgreSQL\n\nSKILLS\nGo, Kafka", "", "L", false)
	text, err := shared().Text(context.Background(), bytesOf(t, p))
	require.NoError(t, err)
	assert.Equal(t, "Ada Lovelace\n\nEXPERIENCE\n- Built Go services with Kafka\n- Ran PostgreSQL\n\nSKILLS\nGo, Kafka", text)
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	// A scan: one page holding only an image.
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(3, 3, color.White)
	var pngBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, img))
	p := newPDF()
	p.AddPage()
	p.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &pngBuf)
	p.ImageOptions("scan", 40, 40, 500, 700, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	_, err := shared().Text(ctx, bytesOf(t, p))
	require.ErrorIs(t, err, ErrNoText)
	assert.Contains(t, err.Error(), "export the resume from your editor as a PDF with text or as DOCX, or run OCR")

	// Encrypted with a user password.
	p = newPDF()
	p.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
	p.AddPage()
	p.Text(40, 40, "EXPERIENCE")
	_, err = shared().Text(ctx, bytesOf(t, p))
	require.ErrorIs(t, err, ErrEncrypted)
	assert.Contains(t, err.Error(), "save or print it to a new PDF without one")

	// Too many pages.
	p = newPDF()
	for range 3 {
		p.AddPage()
		p.Text(40, 40, "page")
	}
	_, err = New(WithMaxPages(2)).Text(ctx, bytesOf(t, p))
	require.ErrorIs(t, err, ErrTooManyPages)
	assert.Contains(t, err.Error(), "3 pages, limit 2")

	// Not a PDF at all, and a truncated one.
	_, err = shared().Text(ctx, []byte("%PDF-1.7 garbage"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pdf: open document")
	doc := twoColumnPDF(t)
	_, err = shared().Text(ctx, doc[:len(doc)/2])
	if err != nil {
		assert.Contains(t, err.Error(), "pdf: ")
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = shared().Text(cancelled, doc)
	require.ErrorIs(t, err, context.Canceled)

	r := New()
	require.NoError(t, r.Close())
	_, err = r.Text(ctx, doc)
	require.ErrorContains(t, err, "pdf: reader closed")
}

// The memory cap holds: a page whose content stream inflates to 16 MiB cannot be read in
// 24 MiB of WebAssembly memory, and the failure is an error, not a crash; the shared,
// uncapped reader reads the same page (it is blank: no text layer).
func TestMemoryCap(t *testing.T) {
	t.Parallel()
	var stream bytes.Buffer
	zw := zlib.NewWriter(&stream)
	_, err := zw.Write(bytes.Repeat([]byte(" "), 16<<20))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	var doc bytes.Buffer
	doc.WriteString("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n")
	fmt.Fprintf(&doc, "4 0 obj<</Length %d/Filter/FlateDecode>>stream\n", stream.Len())
	doc.Write(stream.Bytes())
	doc.WriteString("\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

	small := New()
	small.memPages = 384 // 24 MiB: PDFium starts in 289 pages
	defer small.Close()
	_, err = small.Text(context.Background(), doc.Bytes())
	require.Error(t, err)
	require.NotErrorIs(t, err, ErrNoText, "the cap, not the page, made it fail")
	assert.Contains(t, err.Error(), "pdf: read page 1: ")
	_, err = shared().Text(context.Background(), doc.Bytes())
	require.ErrorIs(t, err, ErrNoText)
	_, err = small.Text(context.Background(), twoColumnPDF(t))
	require.NoError(t, err, "the reader still works after the failure")
}

func TestLayoutWithoutColumns(t *testing.T) {
	t.Parallel()
	// Short lines that all start at the left margin: no gutter to find.
	runs := []run{
		{text: "EXPERIENCE", x0: 40, x1: 120, top: 800, bot: 790},
		{text: "- Built it", x0: 40, x1: 100, top: 785, bot: 775},
		{text: "2020", x0: 500, x1: 530, top: 785, bot: 775},
	}
	// The date set apart at the right margin stays apart: a tab, not a space.
	assert.Equal(t, "EXPERIENCE\n- Built it\t2020", layout(runs))
	assert.Empty(t, layout(nil))

	// Ligatures and soft hyphens from typesetting are undone.
	runs = []run{{text: "Conﬁgured Kaf\u00adka and ﬂuentd", x0: 40, x1: 200, top: 800, bot: 790}}
	assert.Equal(t, "Configured Kafka and fluentd", layout(runs))
}

func FuzzText(f *testing.F) {
	f.Add(twoColumnPDF(f))
	f.Add([]byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := shared().Text(context.Background(), data)
		if err == nil && strings.TrimSpace(text) == "" {
			t.Fatal("no error and no text")
		}
	})
}
