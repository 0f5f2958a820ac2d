package ats

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The cases below are the smallest forms of what published resumes (ats/testdata/resumes,
// the "Published resumes" of SOURCES) and published PDF resumes were misread as, before the
// reader was fixed for them.

func entriesOf(r Resume, kind SectionKind) []Entry {
	var out []Entry
	for _, s := range r.Sections {
		if s.Kind == kind {
			for _, e := range s.Entries {
				e.Line, e.Start = 0, 0
				out = append(out, e)
			}
		}
	}
	return out
}

func TestPublishedResumeShapes(t *testing.T) {
	checkShapes(t, []shape{
		{
			// sergeev-cv.md: a linked company heading, then place, role and dates lines; the
			// work is written as paragraphs and the only list item is the job's stack.
			name: "linked company heading with place, role and date lines",
			text: "## Experience\n\n### [Independent Reserve](https://www.independentreserve.com)\nSydney, Australia  \n" +
				"**Software Developer (contractor)**  \nMarch 2021 - Present\n\nCrypto currency exchange\n\n" +
				"Participated in addition of new crypto currencies to be traded on exchange.\n\n" +
				"* Haskell (Servant), TypeScrypt, Github (CI/CD), AWS, Docker\n",
			sections: []string{"experience:Experience"},
			entries:  []Entry{{Title: "Software Developer (contractor)", Org: "Independent Reserve", Place: "Sydney, Australia", Dates: "March 2021 - Present"}},
			bullets: []string{"Participated in addition of new crypto currencies to be traded on exchange.",
				"Haskell (Servant), TypeScrypt, Github (CI/CD), AWS, Docker"},
		},
		{
			// modern-hugo-resume.md: "##### Project Highlights" under a job used to open a
			// summary section that swallowed the jobs after it.
			name: "a known heading under a job heading is part of the job",
			text: "## Experience\n\n### Software Developer, Krumware\n\n#### March 2021 to October 2023\n\n- Led the move to Golang\n\n" +
				"##### Project Highlights\n\n- Developed a React app for a manufacturer\n\n### Research Assistant, AI Lab\n\n" +
				"#### August 2020 to April 2021\n\n- Analyzed recommender performance\n\n## Education\n\n### BS Computer Science, USC\n",
			sections: []string{"experience:Experience", "education:Education"},
			entries: []Entry{
				{Title: "Software Developer", Org: "Krumware", Dates: "March 2021 to October 2023"},
				{Title: "Research Assistant", Org: "AI Lab", Dates: "August 2020 to April 2021"},
			},
			bullets: []string{"Led the move to Golang", "Developed a React app for a manufacturer", "Analyzed recommender performance"},
		},
		{
			// 18f-handbook-resume.md: Markdown sections, "LABEL:" sub-headings inside a job,
			// and a header line with "Hours per week: 40".
			name: "label sub-headings inside a Markdown section",
			text: "#### WORK EXPERIENCE\n\nUniversity of Minnesota - Minneapolis, MN  \nLead Content Strategist - 07/2012 to Present - Hours per week: 40\n\n" +
				"CONTENT STRATEGY:\n\n- Wrote the college voice and tone guidelines\n\nTECHNICAL SKILLS:\n\n" +
				"Provided strategic content design with skills in copywriting and plain language.\n\n" +
				"SELECTED WORK:\n\n- Developed the programs directory\n\n#### EDUCATION\n\nUniversity of Minnesota\n",
			sections: []string{"experience:WORK EXPERIENCE", "education:EDUCATION"},
			entries:  []Entry{{Title: "Lead Content Strategist", Org: "University of Minnesota", Place: "Minneapolis, MN, Hours per week: 40", Dates: "07/2012 to Present"}},
			bullets:  []string{"Wrote the college voice and tone guidelines", "Developed the programs directory"},
		},
		{
			// yaml-to-resume.md: emoji-marked items and date lines, a bracketed company note.
			name: "emoji items and date lines",
			text: "## 💼 Experience\n\n### **Lead Backend Developer - Pouet (Social Network)**\n📅 2024 - Present  \n" +
				"🔹 Built a high-performance microservices architecture using Golang & Kafka  \n" +
				"🔹 Designed and implemented scalable GraphQL APIs with PostgreSQL  \n",
			sections: []string{"experience:Experience"},
			entries:  []Entry{{Title: "Lead Backend Developer", Org: "Pouet (Social Network)", Dates: "2024 - Present"}},
			bullets: []string{"Built a high-performance microservices architecture using Golang & Kafka",
				"Designed and implemented scalable GraphQL APIs with PostgreSQL"},
		},
		{
			// Design_1.pdf (U.S. Digital Corps): "Role: dates" header lines, "About:" lines
			// under a project.
			name: "role label header lines and About lines inside entries",
			text: "WORK EXPERIENCE\n\nCoding It Forward, Utah Governor's Office Remote\nUX/UI Design Fellow: 06/2022 to 08/2022 40 hours per week\n" +
				"- Mapped the process of becoming a board member\n\nPROJECTS\n\nNarra | Software Construction Lab CS 97 Fall 2020\n" +
				"About: Group Project developing a social media web app matching users by personality\n- Built the login API in Node.js\n",
			sections: []string{"experience:WORK EXPERIENCE", "projects:PROJECTS"},
			entries:  []Entry{{Title: "UX/UI Design Fellow", Org: "Coding It Forward", Place: "Utah Governor's Office Remote, 40 hours per week", Dates: "06/2022 to 08/2022"}},
			bullets:  []string{"Mapped the process of becoming a board member", "Built the login API in Node.js"},
		},
		{
			// Cybersecurity_1.pdf and Software_Engineering_2.pdf (U.S. Digital Corps).
			name: "club and school headings, About lines after the resume's body",
			text: "EXPERIENCE\nAnalyst, State Corporation Commission May 2022 – June 2023\n- Administered CyberArk PAM for 750 users\n\n" +
				"VOLUNTEER & Club Affiliations\nAlumni Relations Director, Sigma Eta Pi Oct 2021 - Present\n" +
				"About: Sigma Eta Pi is a fraternity of student entrepreneurs at UCLA\n\nSchool Projects\n- Built an interpreter in Python\n",
			sections: []string{"experience:EXPERIENCE", "other:VOLUNTEER & Club Affiliations", "projects:School Projects"},
			entries:  []Entry{{Title: "Analyst", Org: "State Corporation Commission", Dates: "May 2022 – June 2023"}},
			bullets:  []string{"Administered CyberArk PAM for 750 users", "Built an interpreter in Python"},
		},
		{
			// Cybersecurity_1.pdf: the first page (name, "EXPERIENCE") is an image, so the
			// text starts with the jobs.
			name: "jobs before the first heading",
			text: "State Corporation Commission May 2022 – June 2023\nCybersecurity Analyst\n• Administered CyberArk PAM for 750 users\n\n" +
				"Old Dominion University December 2019 – September 2021\nNetworking DevSecOps Intern\n• Scripted network automation in Python\n\n" +
				"CERTIFICATIONS\nCompTIA Security+\n",
			sections: []string{"experience:", "certifications:CERTIFICATIONS"},
			entries: []Entry{
				{Title: "Cybersecurity Analyst", Org: "State Corporation Commission", Dates: "May 2022 – June 2023"},
				{Title: "Networking DevSecOps Intern", Org: "Old Dominion University", Dates: "December 2019 – September 2021"},
			},
			bullets: []string{"Administered CyberArk PAM for 750 users", "Scripted network automation in Python"},
		},
		{
			// Data_Science_and_Analytics_1.pdf as ats/pdf lays it out: the next company's line
			// at the left margin right after a wrapped item; places and dates aligned right,
			// after a tab.
			name: "a company line after a wrapped PDF item",
			text: "PROFESSIONAL EXPERIENCE\nUrban Institute\tWashington, DC\nData Science Intern\tJune 2022 - August 2022\n" +
				"    ● Worked cross-functionally with several teams to support ad hoc research projects analyzing the effects of\n" +
				"        increased social capital on community health outcomes\n" +
				"Two Rivers Public Health Department\tKearney, NE (Remote)\nData Analyst and Researcher\tMay 2020 - July 2022\n" +
				"    ● Performed qualitative and quantitative analyses in R and Stata\n",
			sections: []string{"experience:PROFESSIONAL EXPERIENCE"},
			entries: []Entry{
				{Title: "Data Science Intern", Org: "Urban Institute", Place: "Washington, DC", Dates: "June 2022 - August 2022"},
				{Title: "Data Analyst and Researcher", Org: "Two Rivers Public Health Department", Place: "Kearney, NE, Remote", Dates: "May 2020 - July 2022"},
			},
			bullets: []string{"Worked cross-functionally with several teams to support ad hoc research projects analyzing the effects of increased social capital on community health outcomes",
				"Performed qualitative and quantitative analyses in R and Stata"},
		},
		{
			// join.tts.gsa.gov's "Preparing your resume" quotes its example resume.
			name: "a resume in a Markdown block quote",
			text: "## Experience\n\n> ***Technology Transformation Services - Washington, DC***\n>\n" +
				"> ***Software Engineer - 07/2015 to Present** - Hours per week: 40***\n>\n" +
				"> -   *Led and managed backend web development*\n> -   *Automated testing of codebase using Rspec and CircleCi*\n",
			sections: []string{"experience:Experience"},
			// The company line, a blank quoted line above, is not part of the entry.
			entries: []Entry{{Title: "Software Engineer", Org: "Hours per week: 40", Dates: "07/2015 to Present"}},
			bullets: []string{"*Led and managed backend web development*", "*Automated testing of codebase using Rspec and CircleCi*"},
		},
		{
			name:     "a plain heading after the last Markdown section starts a section",
			text:     "## Experience\n\n### Engineer, Acme\n\n- Built billing in Go\n\nSKILLS\n\nGo, Kafka\n",
			sections: []string{"experience:Experience", "skills:SKILLS"},
			entries:  []Entry{{Title: "Engineer", Org: "Acme"}},
			bullets:  []string{"Built billing in Go"},
		},
	})
}

func TestHeaderParts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header string
		want   Entry
	}{
		{"Software Developer (contractor) | Acme", Entry{Title: "Software Developer (contractor)", Org: "Acme"}},
		{"Backend Engineer - Monzo (Remote)", Entry{Title: "Backend Engineer", Org: "Monzo", Place: "Remote"}},
		{"President (April 2022 – Present)", Entry{Title: "President", Dates: "April 2022 – Present"}},
		{"Ph.D., Computer Science — University of Texas at Austin — 2006 – 2011", Entry{Title: "Ph.D., Computer Science", Org: "University of Texas at Austin", Dates: "2006 – 2011"}},
		{"Engineer at Google", Entry{Title: "Engineer", Org: "Google"}},
	}
	for _, tt := range tests {
		e := readEntry([]Line{{Text: tt.header}})
		assert.Equal(t, tt.want, e, tt.header)
	}
	assert.True(t, isPlace("Sydney, Australia"))
	assert.False(t, isPlace("Regional restaurant group, four locations"), "a description is not a place")
	assert.Equal(t, "Lead Backend Developer - Pouet (Social Network)", cleanLabel("**Lead Backend Developer - Pouet (Social Network)**"))
	assert.Equal(t, "Independent Reserve", cleanLabel("[Independent Reserve](https://www.independentreserve.com)"))
	assert.True(t, isTermList(".NET/C# 4.6, MSSQL 2012, ASP.NET MVC, AWS (EC2, S3), Bitbucket"))
	assert.False(t, isTermList("Led company transition to Golang, improving performance, type-safety, and DX"))
}

func TestJSONResumeStructuredEntries(t *testing.T) {
	t.Parallel()
	// jsonresume-career-changer.json writes work.location as an object and puts brackets in
	// positions; the document says which part is which, so nothing is guessed.
	doc := `{"work": [{"name": "Freelance", "position": "Data Analyst (Contract)",
		"location": {"city": "Austin", "region": "Texas", "countryCode": "US"},
		"startDate": "2024-08-01", "highlights": ["Built a Looker Studio sales dashboard for a cafe group"]}],
		"education": [{"institution": "University of Texas at Austin", "studyType": "Ph.D.", "area": "Computer Science",
		"startDate": "2006-09-01", "endDate": "2011-06-01"}]}`
	r, err := ReadResume(context.Background(), []byte(doc), "")
	require.NoError(t, err)
	assert.Equal(t, []Entry{{Title: "Data Analyst (Contract)", Org: "Freelance", Place: "Austin, Texas, US", Dates: "2024-08-01 – Present"}},
		entriesOf(r, Experience))
	assert.Equal(t, []Entry{{Title: "Ph.D., Computer Science", Org: "University of Texas at Austin", Dates: "2006-09-01 – 2011-06-01"}},
		entriesOf(r, Education))
}

func TestFRESHIsNotRead(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{
		`{"name": "Jane", "meta": {"format": "FRESH@0.6.0"}, "skills": {"sets": []}}`,
		`{"name": "Jane", "employment": {"history": [{"employer": "Acme", "position": "Engineer"}]}, "projects": []}`,
	} {
		_, err := ReadResume(context.Background(), []byte(doc), "resume.json")
		require.ErrorIs(t, err, ErrNotResume, doc)
		assert.Contains(t, err.Error(), "FRESH")
	}
}
