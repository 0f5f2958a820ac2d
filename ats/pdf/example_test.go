package pdf_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/go-pdf/fpdf"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/ats/pdf"
)

// A PDF resume read through ats's entry point: plug the Reader into ats.Parser.
func Example() {
	// A one-page resume, made here so that the example runs anywhere.
	doc := fpdf.New("P", "pt", "A4", "")
	doc.SetFont("Helvetica", "", 11)
	doc.AddPage()
	doc.MultiCell(0, 14, "EXPERIENCE\n- Built Kafka pipelines in Go\n\nSKILLS\nGo, Kafka", "", "L", false)
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		panic(err)
	}

	r := pdf.New()
	defer r.Close()
	resume, err := ats.Parser{PDF: r.Text}.ReadResume(context.Background(), buf.Bytes(), "cv.pdf")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resume.Format)
	for _, s := range resume.Sections {
		fmt.Println(s.Kind, s.Heading)
	}
	for _, b := range resume.Bullets() {
		fmt.Println("-", b.Text)
	}
	// Output:
	// pdf
	// experience EXPERIENCE
	// skills SKILLS
	// - Built Kafka pipelines in Go
}
