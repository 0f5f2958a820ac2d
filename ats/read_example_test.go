package ats_test

import (
	"context"
	"fmt"

	"github.com/resumekit/resumekit/ats"
)

// ReadResume tells the format from the content: here a JSON Resume saved with a byte order
// mark, with an extension field read into its entry.
func ExampleReadResume() {
	data := []byte("\ufeff" + `{
  "basics": {"name": "Ada Lovelace"},
  "work": [{"name": "Acme", "position": "Backend Engineer", "startDate": "2021-03",
            "highlights": ["Built the billing service in Go"], "technologies": ["Go", "Kafka"]}]
}`)
	r, err := ats.ReadResume(context.Background(), data, "resume.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Format)
	for _, s := range r.Sections {
		fmt.Printf("%s %q %+v\n", s.Kind, s.Heading, s.Entries)
	}
	for _, b := range r.Bullets() {
		fmt.Println("-", b.Text)
	}
	fmt.Print(r.Text)
	// Output:
	// json-resume
	// other "Ada Lovelace" []
	// experience "Experience" [{Title:Backend Engineer Org:Acme Place: Dates:2021-03 – Present Line:4 Start:34}]
	// - Built the billing service in Go
	// # Ada Lovelace
	//
	// ## Experience
	// ### Backend Engineer — Acme — 2021-03 – Present
	// - Built the billing service in Go
	// Technologies: Go, Kafka
}

// A job heading that contains a section word stays an entry, a wrapped bullet is one
// bullet, and the company and date lines of a job-board export are entry headers.
func ExampleParseResume_entries() {
	r, err := ats.ParseResume(`WORK EXPERIENCE

Full Stack Developer
Oracle - Bangalore, Karnataka
November 2016 to December 2017
- Built the billing APIs in Java and moved the nightly batch jobs
  onto Kafka consumers

SKILLS
Java, Kafka
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range r.Sections {
		fmt.Println(s.Kind, s.Heading)
		for _, e := range s.Entries {
			fmt.Printf("  %s | %s | %s | %s\n", e.Title, e.Org, e.Place, e.Dates)
		}
	}
	for _, b := range r.Bullets() {
		fmt.Println("-", b.Text)
	}
	// Output:
	// experience WORK EXPERIENCE
	//   Full Stack Developer | Oracle | Bangalore, Karnataka | November 2016 to December 2017
	// skills SKILLS
	// - Built the billing APIs in Java and moved the nightly batch jobs onto Kafka consumers
}
