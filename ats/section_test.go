package ats

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func kinds(r Resume) []string {
	return mapped(r.Sections, func(s Section) string { return string(s.Kind) + ":" + s.Heading })
}

// shape is a resume text and what [ParseResume] should read in it.
type shape struct {
	name     string
	text     string
	sections []string // kinds(r)
	entries  []Entry  // entriesOf(r, Experience); nil: not checked
	bullets  []string // bulletTexts(r); nil: not checked
}

// checkShapes parses each shape in a parallel subtest of t, itself made parallel, and checks
// what was read and that every line's offsets index the text.
func checkShapes(t *testing.T, shapes []shape) {
	t.Helper()
	t.Parallel()
	for _, tt := range shapes {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := ParseResume(tt.text)
			require.NoError(t, err)
			assert.Equal(t, tt.sections, kinds(r))
			if tt.entries != nil {
				assert.Equal(t, tt.entries, entriesOf(r, Experience))
			}
			if tt.bullets != nil {
				assert.Equal(t, tt.bullets, bulletTexts(r))
			}
			var perSection []Line
			for _, s := range r.Sections {
				if s.Kind == Experience || s.Kind == Projects {
					perSection = append(perSection, s.Bullets()...)
				}
			}
			assert.Equal(t, r.Bullets(), perSection, "Section.Bullets splits Resume.Bullets")
			for _, s := range r.Sections {
				for _, l := range s.Lines {
					require.True(t, 0 <= l.Start && l.Start <= l.End && l.End <= len(r.Text), "line %q at %d:%d", l.Text, l.Start, l.End)
				}
			}
			for _, l := range r.Bullets() {
				assert.LessOrEqual(t, l.Start+len(strings.Fields(l.Text)[0]), l.End, "bullet %q", l.Text)
			}
		})
	}
}

func TestParseResumeSections(t *testing.T) {
	checkShapes(t, []shape{
		{
			name:     "markdown headings with entry subheadings",
			text:     "# Ada Lovelace\nada@example.com\n\n## Summary\nBackend engineer.\n\n## Work Experience\n### Engineer — Acme\n- Built Go services\n\n## Technical Skills\n- Go, Python\n",
			sections: []string{"other:Ada Lovelace", "summary:Summary", "experience:Work Experience", "skills:Technical Skills"},
		},
		{
			name:     "all caps",
			text:     "Ada Lovelace\n\nPROFESSIONAL EXPERIENCE\nACME CORP\n• Built Go services\n\nCORE COMPETENCIES\nGo, Kafka\n\nEDUCATION\nB.Sc.\n",
			sections: []string{"other:", "experience:PROFESSIONAL EXPERIENCE", "skills:CORE COMPETENCIES", "education:EDUCATION"},
		},
		{
			name: "heading colon lines",
			text: "Summary:\nBackend engineer.\nEmployment History:\n- Acme, 2020–2024\nTech Stack: Go, Kafka\nCertifications:\n- CKA\n",
			// "Tech Stack:" inside an entry labels the entry's stack; it does not end the section.
			sections: []string{"summary:Summary", "experience:Employment History", "certifications:Certifications"},
		},
		{
			name:     "heading colon line outside an entry",
			text:     "Summary: Backend engineer.\nTech Stack: Go, Kafka\nExperience:\n- Built it\n",
			sections: []string{"summary:Summary", "skills:Tech Stack", "experience:Experience"},
		},
		{
			name:     "underlined",
			text:     "Experience\n==========\n- Built things in Go\n\nProjects\n--------\n- A ledger in Rust\n",
			sections: []string{"experience:Experience", "projects:Projects"},
		},
		{
			name:     "bold headings",
			text:     "**Relevant Experience**\n- Built Go services\n**Skills:**\n- Go\n",
			sections: []string{"experience:Relevant Experience", "skills:Skills"},
		},
		{
			name:     "entry labels stay inside an entry",
			text:     "## Experience\n### Acme\n- Built billing in Go\nTech stack: Go, Kafka\n- Ran on-call\n## Skills\n- Go\n",
			sections: []string{"experience:Experience", "skills:Skills"},
		},
		{
			name:     "unknown heading at section level",
			text:     "## Experience\n- Built it\n## Awards\n- Hackathon winner\n## Volunteer Work\n- Taught kids\n",
			sections: []string{"experience:Experience", "other:Awards", "other:Volunteer Work"},
		},
		{
			name:     "plain headings of a PDF export",
			text:     "Contact\nada@example.com\nTop Skills\nGo\nKafka\nLanguages\nEnglish\nSummary\nBackend engineer.\nExperience\nAcme Corp\nSenior Engineer\nBuilt a Kafka-based ledger for 40 teams.\nEducation\nMIT\n",
			sections: []string{"other:Contact", "skills:Top Skills", "summary:Summary", "experience:Experience", "education:Education"},
		},
		{
			name:     "caps job titles stay inside experience",
			text:     "EXPERIENCE\nSENIOR SOFTWARE ENGINEER, PLATFORM TOOLS\n• Built Go services\nSENIOR PROJECT MANAGER\n• Ran the roadmap\nACME CORP 2019–2022\n• Cut costs 10%\n",
			sections: []string{"experience:EXPERIENCE"},
		},
		{
			name:     "decorated headings",
			text:     "💼 EXPERIENCE\n- Built it\n⭐ Skills\n- Go\n🎓 Education\n- MIT\n",
			sections: []string{"experience:EXPERIENCE", "skills:Skills", "education:Education"},
		},
		{
			name:     "classic mac line endings",
			text:     "EXPERIENCE\r- Built Go services\rSKILLS\r- Go\r",
			sections: []string{"experience:EXPERIENCE", "skills:SKILLS"},
		},
		{
			name:     "career objective is a summary",
			text:     "CAREER OBJECTIVE\nTo build things.\nOPEN SOURCE PROJECTS\n- resumekit\n",
			sections: []string{"summary:CAREER OBJECTIVE", "projects:OPEN SOURCE PROJECTS"},
		},
	})
}

func TestParseResumeBullets(t *testing.T) {
	t.Parallel()
	text := "## Experience\n- dash item\n* star item\n+ plus item\n• bullet item\n● circle item\n▪ square item\n– en dash item\n1. numbered item\n2) paren item\n➢ arrow item\n\uf0b7 word symbol item\n\nnot a bullet\n"
	r, err := ParseResume(text)
	require.NoError(t, err)
	var got []string
	for _, l := range r.Bullets() {
		got = append(got, l.Text)
		assert.Equal(t, l.Text, text[l.Start:l.End], "offsets index the text")
	}
	assert.Equal(t, []string{"dash item", "star item", "plus item", "bullet item", "circle item", "square item", "en dash item", "numbered item", "paren item", "arrow item", "word symbol item"}, got)
}

func TestBulletsFromProse(t *testing.T) {
	t.Parallel()
	r, err := ParseResume("EXPERIENCE\nAcme Corp\nBuilt the billing service in Go for 3 teams.\nOwned on-call for payments.\n")
	require.NoError(t, err)
	assert.Equal(t, []string{"Built the billing service in Go for 3 teams."}, bulletTexts(r), "a section without list items uses its sentences")
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		err  error
		want string
	}{
		{"empty", "", ErrEmpty, "ats: parse resume: empty text"},
		{"blank", " \n\t\n", ErrEmpty, "empty text"},
		{"nul byte", "Skills\x00Go", ErrBinary, "NUL byte at offset 6"},
		{"not utf-8", strings.Repeat("\x80\xff", 40), ErrBinary, "80 of 80 bytes are not UTF-8"},
		{"binary after a UTF-16 byte order mark", strings.Repeat("\xff\xfe", 40), ErrBinary, "39 of 39 characters are not text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseResume(tt.text)
			require.ErrorIs(t, err, tt.err)
			assert.Contains(t, err.Error(), tt.want)
			_, err = ParseJob(tt.text)
			require.ErrorIs(t, err, tt.err)
		})
	}
	_, err := Parser{MaxBytes: 10}.ParseResume("Experience: eleven bytes")
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "24 bytes, limit 10")
	_, err = ParseResume(strings.Repeat("a", DefaultMaxBytes+1))
	require.ErrorIs(t, err, ErrTooLarge)

	_, err = ParseResume("Résumé of Zoë \xe9 (one Latin-1 byte)")
	require.NoError(t, err, "a stray invalid byte is tolerated")
}

// TestParseJobLevels moved to job_test.go with the job parser it tests.
