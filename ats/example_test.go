package ats_test

import (
	"fmt"

	"github.com/resumekit/resumekit/ats"
	"github.com/resumekit/resumekit/skills"
)

func ExampleMatch() {
	resume := `## Skills
- Python, Kafka

## Experience
- Built Python services on a relational database for 2M daily requests.`
	job := `Requirements: Python, PostgreSQL, Kafka`

	rep, err := ats.Match(resume, job)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("score:", rep.Score)
	for _, m := range rep.Matched {
		fmt.Printf("found %s in %v (bullet: %v) +%.1f\n", m.Keyword, m.Sections, m.InBullet, m.Points)
	}
	for _, m := range rep.Missing {
		fmt.Println("missing", m.Keyword)
	}
	for _, f := range rep.Findings {
		fmt.Println(f.Code, f.Keyword)
	}
	// Output:
	// score: 53
	// found Python in [skills experience] (bullet: true) +33.3
	// found Kafka in [skills] (bullet: false) +20.0
	// missing PostgreSQL
	// generic-term PostgreSQL
	// context-free-keyword Kafka
	// language-without-framework Python
}

func ExampleMatcher() {
	m := ats.NewMatcher(skills.Backend()) // build once, share between goroutines
	r, _ := ats.ParseResume("TECHNICAL SKILLS\nGo, Kubernetes\n\nWORK EXPERIENCE\n• Ran Go services on k8s for 40 teams")
	j, _ := ats.ParseJob("Must have: Go, Kubernetes\nNice to have: Terraform")
	rep := m.Match(r, j)
	fmt.Println(rep.Score, len(rep.Matched), rep.Missing[0].Keyword)
	for _, s := range rep.Sections {
		fmt.Println(s.Name, s.Heading, s.Line)
	}
	// Output:
	// 80 2 Terraform
	// skills TECHNICAL SKILLS 1
	// experience WORK EXPERIENCE 4
}
