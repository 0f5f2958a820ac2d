package ats

import (
	"context"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func bulletTexts(r Resume) []string {
	return mapped(r.Bullets(), func(l Line) string { return l.Text })
}

// TestIssue10Cases reads each minimal form of what issue 10 saw misread.
func TestIssue10Cases(t *testing.T) {
	checkShapes(t, []shape{
		{
			name:     "wrapped bullet joins its continuation; a lone work. is not a heading",
			text:     "## Experience\n### Engineer, Acme\n- Built the payments platform that moves 2M events a day through\n  Kafka and PostgreSQL for the whole company's\nwork.\n### Developer, Beta\n- Ran Go services\n",
			sections: []string{"experience:Experience"},
			bullets:  []string{"Built the payments platform that moves 2M events a day through Kafka and PostgreSQL for the whole company's work.", "Ran Go services"},
		},
		{
			name:     "job headings with section words stay entries",
			text:     "## Experience\n### Full Stack Developer, Acme\n- Built React and Go apps\n### Team Development and Training\n- Trained 12 engineers in Kafka\n### Backend Engineer, Beta\n- Ran Kafka\n## Skills\n- Go\n",
			sections: []string{"experience:Experience", "skills:Skills"},
			bullets:  []string{"Built React and Go apps", "Trained 12 engineers in Kafka", "Ran Kafka"},
		},
		{
			name:     "setext company name inside experience",
			text:     "Experience\n----------\n\nDevsisters Corp.\n================\n- Built the game server in Go\n\nSkills\n------\n- Go\n",
			sections: []string{"experience:Experience", "skills:Skills"},
			bullets:  []string{"Built the game server in Go"},
		},
		{
			name:     "common headings",
			text:     "WORKING EXPERIENCES\n- Built Go services\nProjects Undertaken\n- A Kafka ledger\nTechnical Summary\nGo, Kafka\nTechnical Experience\n- Ran Kafka\n",
			sections: []string{"experience:WORKING EXPERIENCES", "projects:Projects Undertaken", "skills:Technical Summary", "experience:Technical Experience"},
			bullets:  []string{"Built Go services", "A Kafka ledger", "Ran Kafka"},
		},
		{
			name:     "programming languages is a skills sub-heading",
			text:     "SKILLS\nProgramming languages\nGo, Java\nDatabases: PostgreSQL\nEXPERIENCE\n- Built it\n",
			sections: []string{"skills:SKILLS", "experience:EXPERIENCE"},
			bullets:  []string{"Built it"},
		},
		{
			name:     "a label line does not swallow the duties",
			text:     "EXPERIENCE\nAcme\nLog Tools: Splunk\n- Monitored Kafka\n- Wrote Go\n",
			sections: []string{"experience:EXPERIENCE"},
			bullets:  []string{"Monitored Kafka", "Wrote Go"},
		},
		{
			name: "job-board plain text: company, place and date lines are headers",
			text: "WORK EXPERIENCE\n\nSoftware Engineer\nOracle - Bangalore, Karnataka\nNovember 2016 to December 2017\n" +
				"〓 Developed REST services in Java for billing\no Migrated batch jobs to Kafka\n▪ Tuned PostgreSQL queries\n➢ Cut build time by 40%\n\n" +
				"EDUCATION\nB.Tech\n",
			sections: []string{"experience:WORK EXPERIENCE", "education:EDUCATION"},
			bullets:  []string{"Developed REST services in Java for billing", "Migrated batch jobs to Kafka", "Tuned PostgreSQL queries", "Cut build time by 40%"},
		},
		{
			name:     "job-board plain text without markers",
			text:     "WORK EXPERIENCE\n\nSoftware Engineer\nOracle - Bangalore, Karnataka\nNovember 2016 to December 2017\n\nDeveloped REST services in Java for the billing platform\nMigrated the nightly batch jobs onto Kafka streams\n",
			sections: []string{"experience:WORK EXPERIENCE"},
			bullets:  []string{"Developed REST services in Java for the billing platform", "Migrated the nightly batch jobs onto Kafka streams"},
		},
		{
			name:     "a long bullet without a full stop does not swallow the next job's title",
			text:     "EXPERIENCE\n- Cut p99 latency of the payments API from 900ms to 150ms for all merchants\nSenior Developer, TCS\n2014 - 2018\n- Built SOAP adapters\n",
			sections: []string{"experience:EXPERIENCE"},
			bullets:  []string{"Cut p99 latency of the payments API from 900ms to 150ms for all merchants", "Built SOAP adapters"},
		},
		{
			name:     "a label line between a job's bullets stays in the job; one standing alone starts a section",
			text:     "EXPERIENCE\nAcme\n- Built the ledger\nSkills: Go, Kafka\n- Ran on-call\nBeta\n- Cut costs\n\nEducation: BSc, MIT\n",
			sections: []string{"experience:EXPERIENCE", "education:Education"},
			bullets:  []string{"Built the ledger", "Ran on-call", "Cut costs"},
		},
		{
			name:     "front matter is skipped",
			text:     "---\ntitle: Resume\nlayout: cv\n---\n# Ada\n## Experience\n- Built it\n",
			sections: []string{"other:Ada", "experience:Experience"},
			bullets:  []string{"Built it"},
		},
		{
			name:     "German, French and Spanish headings",
			text:     "BERUFSERFAHRUNG\n- Go-Dienste gebaut\nKenntnisse\nGo\nCOMPÉTENCES TECHNIQUES\nKafka\nExpérience professionnelle\n- Construit\nFormación académica\nUPM\nExperiencia laboral\n- Construí\nÜber mich\nIch.\n",
			sections: []string{"experience:BERUFSERFAHRUNG", "skills:Kenntnisse", "experience:Expérience professionnelle", "education:Formación académica", "experience:Experiencia laboral", "summary:Über mich"},
			bullets:  []string{"Go-Dienste gebaut", "Construit", "Construí"},
		},
		{
			name:     "numbered and decorated headings",
			text:     "1. Experience\n- Built it\n**2. Skills**\n- Go\n## 🎓 III. Education\n- MIT\n",
			sections: []string{"experience:Experience", "skills:Skills", "education:Education"},
			bullets:  []string{"Built it"},
		},
	})
}

func TestEntries(t *testing.T) {
	t.Parallel()
	r, err := ParseResume("WORK EXPERIENCE\n\nSoftware Engineer\nOracle - Bangalore, Karnataka\nNovember 2016 to December 2017\n- Built it\n\n### Full Stack Developer, Acme — 2019–2022\n- Ran it\n")
	require.NoError(t, err)
	require.Len(t, r.Sections, 1)
	assert.Equal(t, []Entry{
		{Title: "Software Engineer", Org: "Oracle", Place: "Bangalore, Karnataka", Dates: "November 2016 to December 2017", Line: 3, Start: 17},
		{Title: "Full Stack Developer", Org: "Acme", Dates: "2019–2022", Line: 8, Start: 112},
	}, r.Sections[0].Entries)
}

func TestWrappedBulletOffsets(t *testing.T) {
	t.Parallel()
	text := "EXPERIENCE\n- Built the ledger service that settles card payments for the whole\n  company using Kafka\n"
	r, err := ParseResume(text)
	require.NoError(t, err)
	b := r.Bullets()
	require.Len(t, b, 1)
	assert.Equal(t, "Built the ledger service that settles card payments for the whole company using Kafka", b[0].Text)
	assert.Equal(t, "Kafka", text[b[0].End-5:b[0].End], "End covers the continuation line")
	rep, err := Match(text, "Requirements: Kafka")
	require.NoError(t, err)
	require.Len(t, rep.Matched, 1)
	assert.True(t, rep.Matched[0].InBullet, "a keyword on the continuation line is in the bullet")
}

func utf16Bytes(s string, bigEndian bool) []byte {
	units := utf16.Encode([]rune(s))
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestReadResumeEncodings(t *testing.T) {
	t.Parallel()
	text := "EXPERIENCE\n- Built Go services at Zürich\nSKILLS\n- Go\n"
	for name, data := range map[string][]byte{
		"utf-8 bom":  append([]byte("\xEF\xBB\xBF"), text...),
		"utf-16 le":  utf16Bytes(text, false),
		"utf-16 be":  utf16Bytes(text, true),
		"plain utf8": []byte(text),
	} {
		r, err := ReadResume(context.Background(), data, "")
		require.NoError(t, err, name)
		assert.Equal(t, text, r.Text, name)
		assert.Equal(t, []string{"experience:EXPERIENCE", "skills:SKILLS"}, kinds(r), name)
	}
	json := `{"basics":{"name":"Ada"},"work":[{"name":"Acme","position":"Engineer","highlights":["Ran Kafka"]}]}`
	for name, data := range map[string][]byte{
		"json utf-8 bom": append([]byte("\xEF\xBB\xBF"), json...),
		"json utf-16":    utf16Bytes(json, false),
	} {
		r, err := ReadResume(context.Background(), data, "resume.json")
		require.NoError(t, err, name)
		assert.Equal(t, FormatJSONResume, r.Format)
		assert.Equal(t, []string{"Ran Kafka"}, bulletTexts(r), name)
		r, err = ParseJSONResume(data)
		require.NoError(t, err, name)
		assert.Equal(t, []string{"Ran Kafka"}, bulletTexts(r), name)
	}
	_, err := ReadResume(context.Background(), []byte("\x00\x01\x02binary"), "")
	require.ErrorIs(t, err, ErrBinary)
}

func TestReadResumeFormats(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		data   string
		file   string
		format Format
		err    error
		msg    string
	}{
		{name: "markdown by content", data: "# Ada\n## Experience\n- Built it\n", format: FormatMarkdown},
		{name: "markdown by name", data: "Experience\n- Built it\n", file: "cv.md", format: FormatMarkdown},
		{name: "plain text", data: "EXPERIENCE\n- Built it\n", file: "cv.txt", format: FormatText},
		{name: "json resume", data: `{"work":[{"name":"Acme","highlights":["Built it"]}]}`, format: FormatJSONResume},
		{name: "reactive resume", data: `{"basics":{"name":"Ada"},"sections":{"experience":{"name":"Experience","items":[{"company":"Acme","position":"Engineer","date":"2020 - 2022","summary":"<ul><li><p>Built it</p></li></ul>"}]}}}`, format: FormatReactiveResume},
		{name: "other json", data: `{"name":"Ada","job":"engineer"}`, err: ErrNotResume, msg: "a JSON document that is neither JSON Resume (no basics, work, volunteer, education, awards, certificates, publications, skills, languages, interests, references, projects) nor a Reactive Resume export (no sections with items)"},
		{name: "pdf without a reader", data: "%PDF-1.7\n...", err: ErrNotResume, msg: "PDF input needs a PDF reader"},
		{name: "legacy doc", data: "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", err: ErrNotResume, msg: ".doc file: save it as .docx or PDF"},
		{name: "opendocument text", data: string(zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})), err: ErrNotResume, msg: "OpenDocument text (.odt): save it as .docx or PDF"},
		{name: "zip that is not a docx", data: string(zipOf(t, map[string]string{"a.txt": "hi"})), err: ErrNotResume, msg: "no word/document.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := ReadResume(ctx, []byte(tt.data), tt.file)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				assert.Contains(t, err.Error(), tt.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.format, r.Format)
			assert.Equal(t, []string{"Built it"}, bulletTexts(r))
		})
	}
	_, err := Parser{MaxFileBytes: 10}.ReadResume(ctx, []byte("EXPERIENCE\n- Built it\n"), "")
	require.ErrorIs(t, err, ErrTooLarge)
	r, err := Parser{PDF: func(context.Context, []byte) (string, error) { return "EXPERIENCE\n- Built it\n", nil }}.ReadResume(ctx, []byte("%PDF-1.4"), "")
	require.NoError(t, err)
	assert.Equal(t, FormatPDF, r.Format)
	assert.Equal(t, []string{"Built it"}, bulletTexts(r))
}

func TestParseJSONResumeEverySection(t *testing.T) {
	t.Parallel()
	data := []byte(`{
  "basics": {"name": "Ada", "label": "Engineer", "summary": "Backend engineer."},
  "work": [{"company": "Acme", "position": "Engineer", "startDate": "2020-01", "description": "Payments company",
            "summary": "Owned the ledger.", "highlights": ["Ran Kafka"], "technologies": ["Go", "Kafka"]}],
  "volunteer": [{"organization": "Code Club", "position": "Mentor", "highlights": ["Taught Python"]}],
  "education": [{"institution": "MIT", "area": "CS", "studyType": "BSc", "gpa": "3.9", "courses": ["Distributed Systems"]}],
  "awards": [{"title": "Hackathon winner", "awarder": "ACM"}],
  "certificates": [{"name": "CKA", "issuer": "CNCF"}],
  "publications": [{"name": "Scaling Kafka", "publisher": "ACM Queue"}],
  "skills": [{"name": "Backend", "level": "Expert", "keywords": ["Go"]}],
  "languages": [{"language": "English", "fluency": "Native"}, {"name": "German", "level": "B2"}],
  "interests": [{"name": "Chess"}],
  "references": [{"name": "Bob", "reference": "Great engineer."}],
  "projects": [{"name": "Ledger", "description": "A ledger", "highlights": ["Wrote it in Rust"], "keywords": ["Rust"], "tools": ["Bazel"]}]
}`)
	r, err := ParseJSONResume(data)
	require.NoError(t, err)
	for _, want := range []string{"Payments company", "Owned the ledger.", "Technologies: Go, Kafka", "Taught Python", "Score: 3.9",
		"Courses: Distributed Systems", "Hackathon winner — ACM", "CKA — CNCF", "Scaling Kafka — ACM Queue", "Backend (Expert): Go",
		"English (Native)", "German (B2)", "Chess", "Great engineer. — Bob", "Tools: Bazel", "2020-01 – Present"} {
		assert.Contains(t, r.Text, want)
	}
	assert.Equal(t, []string{"other:Ada — Engineer", "summary:Summary", "experience:Experience", "projects:Projects", "skills:Skills",
		"education:Education", "certifications:Certifications", "other:Volunteering", "other:Awards", "other:Publications",
		"other:Languages", "other:Interests", "other:References"}, kinds(r))
	assert.Equal(t, []string{"Ran Kafka", "Wrote it in Rust"}, bulletTexts(r))

	rep, err := Match(string(data), "Requirements: Kafka, Rust")
	require.NoError(t, err)
	assert.Empty(t, rep.Missing, "Match reads JSON Resume text as JSON Resume")
	for _, m := range rep.Matched {
		assert.True(t, m.InBullet, m.Keyword)
	}
}

// JSON Resume positions and companies with section words stay entries of Experience.
func TestJSONResumeEntryHeadings(t *testing.T) {
	t.Parallel()
	r, err := ParseJSONResume([]byte(`{"work": [
  {"name": "Acme", "position": "Full Stack Developer", "highlights": ["Built React apps"]},
  {"name": "Skills Academy", "position": "Team Development and Training", "highlights": ["Trained 12 engineers"]},
  {"name": "Education First", "position": "Projects Lead", "highlights": ["Ran Kafka"]}]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"experience:Experience"}, kinds(r))
	assert.Equal(t, []string{"Built React apps", "Trained 12 engineers", "Ran Kafka"}, bulletTexts(r))
	require.Len(t, r.Sections[0].Entries, 3)
	assert.Equal(t, "Skills Academy", r.Sections[0].Entries[1].Org)
}

func TestReactiveResume(t *testing.T) {
	t.Parallel()
	data := []byte(`{"basics":{"name":"Ada","headline":"Backend Engineer"},
 "sections":{
  "summary":{"name":"Summary","visible":true,"content":"<p>Backend engineer &amp; SRE.</p>"},
  "experience":{"name":"Experience","visible":true,"items":[
     {"visible":true,"company":"Acme","position":"Engineer","location":"Berlin","date":"2020 - Present","summary":"<ul><li><p>Ran <strong>Kafka</strong> clusters</p></li><li>Wrote Go</li></ul>"},
     {"visible":false,"company":"Hidden","position":"Intern","summary":"<p>Hidden work</p>"}]},
  "skills":{"name":"Skills","items":[{"visible":true,"name":"Backend","keywords":["Go","Kafka"]}]},
  "custom":{"talks":{"name":"Talks","items":[{"visible":true,"name":"GopherCon","summary":"<p>On Kafka</p>"}]}}
 }}`)
	r, err := ParseJSONResume(data)
	require.NoError(t, err)
	assert.Equal(t, FormatReactiveResume, r.Format, "ParseJSONResume reads a Reactive Resume export too")
	r, err = ReadResume(context.Background(), data, "")
	require.NoError(t, err)
	assert.Equal(t, FormatReactiveResume, r.Format)
	assert.Equal(t, []string{"other:Ada — Backend Engineer", "summary:Summary", "experience:Experience", "skills:Skills", "other:Talks"}, kinds(r))
	assert.Equal(t, []string{"Ran Kafka clusters", "Wrote Go"}, bulletTexts(r))
	assert.Contains(t, r.Text, "Backend engineer & SRE.")
	assert.NotContains(t, r.Text, "Hidden")
}
