package pdf

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/ats"
)

var update = flag.Bool("update", false, "rewrite the corpus PDFs and their goldens in ../testdata/resumes")

const corpusDir = "../testdata/resumes"

// The golden record, the same shape as ats's corpus test writes.
type corpusSection struct {
	Kind    ats.SectionKind `json:"kind"`
	Heading string          `json:"heading"`
	Line    int             `json:"line"`
	Entries []ats.Entry     `json:"entries,omitempty"`
	Bullets []string        `json:"bullets,omitempty"`
}

type corpusRecord struct {
	Format   ats.Format      `json:"format"`
	Sections []corpusSection `json:"sections"`
}

// sidebarLeftPDF has a narrow skills column on the left and the experience on the right.
func sidebarLeftPDF(tb testing.TB) []byte {
	tb.Helper()
	p := titledPage("Marco Bianchi, Backend Engineer, Turin, marco@example.com, github.com/mbianchi", 16)
	side := []string{"SKILLS", "Java", "Spring Boot", "Kafka", "PostgreSQL", "", "LANGUAGES", "Italian", "English"}
	main := []string{"EXPERIENCE", "Backend Engineer, Reply", "2019 - Present",
		"- Built the claims API in Java and Spring Boot", "- Moved the batch jobs to Kafka Streams",
		"Junior Developer, Accenture", "2017 - 2019", "- Wrote integration tests with Testcontainers"}
	for i := 0; i < max(len(side), len(main)); i++ {
		y := 90 + float64(i)*16
		if i < len(side) && side[i] != "" {
			p.Text(40, y, side[i])
		}
		if i < len(main) {
			p.Text(200, y, main[i])
		}
	}
	return bytesOf(tb, p)
}

// fontDir is the font folder of the fpdf module, which ships DejaVu Sans Condensed.
func fontDir(tb testing.TB) string {
	tb.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-pdf/fpdf").Output()
	require.NoError(tb, err, "locate the fpdf module")
	return filepath.Join(strings.TrimSpace(string(out)), "font")
}

// germanPDF is a German resume as a word processor exports it: an embedded subset
// TrueType font with a ToUnicode map (umlauts, "•", "–"), bullets drawn apart from their
// text so that wrapped lines hang under the text, and a right-aligned date on the title line.
func germanPDF(tb testing.TB) []byte {
	tb.Helper()
	p := fpdf.New("P", "pt", "A4", fontDir(tb))
	p.AddUTF8Font("DejaVu", "", "DejaVuSansCondensed.ttf")
	p.AddUTF8Font("DejaVu", "B", "DejaVuSansCondensed-Bold.ttf")
	p.SetMargins(50, 50, 50)
	p.AddPage()
	p.SetFont("DejaVu", "B", 16)
	p.CellFormat(0, 20, "Jürgen Weiß", "", 1, "L", false, 0, "")
	p.SetFont("DejaVu", "", 10)
	p.CellFormat(0, 14, "Backend-Entwickler · München · juergen@example.com", "", 1, "L", false, 0, "")
	heading := func(s string) {
		p.Ln(10)
		p.SetFont("DejaVu", "B", 12)
		p.CellFormat(0, 16, s, "", 1, "L", false, 0, "")
		p.SetFont("DejaVu", "", 10)
	}
	job := func(title, dates string, bullets ...string) {
		p.SetFont("DejaVu", "B", 10)
		p.CellFormat(350, 14, title, "", 0, "L", false, 0, "")
		p.SetFont("DejaVu", "", 10)
		p.CellFormat(0, 14, dates, "", 1, "R", false, 0, "")
		for _, b := range bullets {
			y := p.GetY()
			p.Text(58, y+10, "•")
			p.SetXY(70, y)
			p.MultiCell(420, 13, b, "", "L", false)
		}
		p.Ln(4)
	}
	heading("Berufserfahrung")
	job("Senior Softwareentwickler, Allianz Technology", "01/2020 – heute",
		"Entwicklung der Schadensplattform in Go mit PostgreSQL und Kafka für 12 Millionen Verträge, inklusive Migration der Altdaten aus DB2",
		"Einführung von OpenTelemetry und Grafana für 40 Microservices")
	job("Softwareentwickler, Siemens AG", "09/2016 – 12/2019",
		"Wartung der Java-EE-Anwendungen für die Gebäudeautomation")
	heading("Kenntnisse")
	p.MultiCell(0, 13, "Go, Java, PostgreSQL, Kafka, Kubernetes, Grafana", "", "L", false)
	heading("Ausbildung")
	p.MultiCell(0, 13, "M.Sc. Informatik, Technische Universität München, 2016", "", "L", false)
	return bytesOf(tb, p)
}

// TestCorpus reads the corpus PDFs and compares them with their goldens; -update writes
// the PDFs and the goldens.
func TestCorpus(t *testing.T) {
	t.Parallel()
	if *update {
		for name, data := range map[string][]byte{
			"two-column.pdf": twoColumnPDF(t), "two-page.pdf": twoPagePDF(t), "sidebar-left.pdf": sidebarLeftPDF(t),
			"word-german.pdf": germanPDF(t),
		} {
			require.NoError(t, os.WriteFile(filepath.Join(corpusDir, name), data, 0o644))
		}
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	require.NoError(t, err)
	require.Len(t, files, 4)
	p := ats.Parser{PDF: shared().Text}
	for _, path := range files {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		r, err := p.ReadResume(context.Background(), data, filepath.Base(path))
		require.NoError(t, err, path)
		rec := corpusRecord{Format: r.Format}
		for _, s := range r.Sections {
			cs := corpusSection{Kind: s.Kind, Heading: s.Heading, Line: s.Line, Entries: s.Entries}
			for _, l := range s.Bullets() {
				cs.Bullets = append(cs.Bullets, l.Text)
			}
			rec.Sections = append(rec.Sections, cs)
		}
		got, err := json.MarshalIndent(rec, "", "  ")
		require.NoError(t, err)
		got = append(got, '\n')
		golden := path + ".golden.json"
		if *update {
			require.NoError(t, os.WriteFile(golden, got, 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), path)
		assert.True(t, r.HasSection(ats.Experience), path)
		assert.NotEmpty(t, r.Bullets(), path)
	}
	sources, err := os.ReadFile(filepath.Join(corpusDir, "SOURCES"))
	require.NoError(t, err)
	for _, f := range files {
		assert.True(t, strings.Contains(string(sources), filepath.Base(f)))
	}
}
