package ats

// Report is the result of matching a resume against a job description. Its JSON form is a
// public interface: field names do not change.
type Report struct {
	// Score is 0–100: the share of the job's requirement weight the resume earns; see
	// [Matcher].
	Score int `json:"score"`
	// JobKeywords are the catalog keywords and vocabulary technologies the job names,
	// required ones first, then catalog keywords in catalog order, then technologies in
	// vocabulary order.
	JobKeywords []JobKeyword `json:"job_keywords"`
	// Matched are the job keywords the resume shows, in the order of JobKeywords.
	Matched []MatchedKeyword `json:"matched"`
	// Missing are the keyword requirements the resume does not satisfy, one entry per
	// requirement, in the order of JobKeywords: a keyword, or the first of a set of
	// alternatives none of which the resume shows (the others in its Alternatives).
	Missing []MissingKeyword `json:"missing"`
	// Requirements are what the job asks for beyond keywords (years, degree, certifications,
	// title) and whether the resume shows them, title first, then in job order.
	Requirements []Requirement `json:"requirements"`
	// Findings say what to change, most important first.
	Findings []Finding `json:"findings"`
	// Sections are the resume sections found, in order.
	Sections []SectionInfo `json:"sections"`
}

// SectionInfo describes a resume section in a report.
type SectionInfo struct {
	Name    SectionKind `json:"name"`
	Heading string      `json:"heading"`
	Line    int         `json:"line"`
}

// Span is a byte range of a text: text[Start:End] is what was written. In JSON it is
// {"start": 12, "end": 18}.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// JobKeyword is a catalog keyword or vocabulary technology named by the job description.
type JobKeyword struct {
	Keyword string `json:"keyword"` // the canonical term
	// Group is the id of a catalog keyword's group ("languages"), or a vocabulary
	// technology's category ("database", "tool").
	Group    string `json:"group"`
	Required bool   `json:"required"`  // named outside a preferred section at least once
	JobCount int    `json:"job_count"` // how often the job names it
	// Alternatives are the other job keywords that satisfy the same requirement ("Go,
	// Python, or similar": Python for Go); empty when the keyword is a requirement alone.
	Alternatives []string `json:"alternatives"`
	// Weight is the weight of the keyword's requirement in the score's denominator: 2 if
	// required, else 1. Alternatives share one requirement, so its weight counts once.
	Weight int `json:"weight"`
	// Mentions are where the job names it, in order: byte offsets into [Job.Text], one per
	// counted mention (JobCount of them; mentions in benefits and other ignored lines are
	// not counted). JSON "mentions".
	Mentions []Span `json:"mentions"`
}

// MatchKind says how a resume spelled a matched keyword.
type MatchKind string

// How a keyword matched.
const (
	Exact MatchKind = "exact" // the canonical term, in any case where case does not matter
	Alias MatchKind = "alias" // only through another spelling ("Postgres" for PostgreSQL)
)

// MatchedKeyword is a job keyword found in the resume.
type MatchedKeyword struct {
	Keyword     string `json:"keyword"`
	ResumeCount int    `json:"resume_count"`
	// Sections are the kinds of section it appears in, in resume order, without repeats.
	Sections []SectionKind `json:"sections"`
	// InBullet reports whether it appears in an experience or project bullet, which shows it
	// in use rather than only listing it.
	InBullet bool      `json:"in_bullet"`
	Match    MatchKind `json:"match"`
	// Points is what the keyword adds to the score (before rounding).
	Points float64 `json:"points"`
	// Mentions are where the resume names it, in order: byte offsets into [Resume.Text], one
	// per mention (ResumeCount of them), so a program can highlight them without scanning
	// again. For JSON Resume input the offsets refer to the text ParseJSONResume renders.
	// JSON "mentions".
	Mentions []Span `json:"mentions"`
}

// MissingKeyword is a keyword requirement the resume does not satisfy.
type MissingKeyword struct {
	Keyword  string `json:"keyword"`
	Required bool   `json:"required"`
	// Alternatives are the other keywords that would satisfy the requirement; empty when
	// only Keyword does.
	Alternatives []string `json:"alternatives"`
}

// Code identifies a kind of finding. Codes are stable: programs may branch on them.
type Code string

// The finding codes.
const (
	// ContextFreeKeyword: a job keyword listed in a skills section, never shown in an
	// experience or project bullet.
	ContextFreeKeyword Code = "context-free-keyword"
	// GenericTerm: the job names a specific term and the resume only has a generic stand-in
	// ("relational database" for PostgreSQL).
	GenericTerm Code = "generic-term"
	// LanguageNotInSkills: a programming language the resume uses is not named in its skills
	// section.
	LanguageNotInSkills Code = "language-not-in-skills"
	// LanguageWithoutFramework: a language the job asks for is named without any of its
	// frameworks.
	LanguageWithoutFramework Code = "language-without-framework"
	// CloudWithoutServices: a cloud provider named without the services used.
	CloudWithoutServices Code = "cloud-without-services"
	// UnnamedKeyword: the job asks for a practice or architecture keyword the resume never
	// names, although it shows technologies of the same catalog skill (Prometheus and
	// Grafana, but never "observability").
	UnnamedKeyword Code = "unnamed-keyword"
	// NoSkillsSection: the resume has no skills section.
	NoSkillsSection Code = "no-skills-section"
	// NoJobKeywords: the job description names no keyword of the catalog, so there is
	// nothing to score against.
	NoJobKeywords Code = "no-job-keywords"
	// YearsShort: the job asks for more years of experience than the resume's dated
	// entries add up to (or the resume dates none).
	YearsShort Code = "years-short"
	// DegreeMissing: the job asks for a degree the resume's education does not show.
	DegreeMissing Code = "degree-missing"
	// CertificationMissing: the job asks for a certification the resume does not name.
	CertificationMissing Code = "certification-missing"
	// TitleMismatch: the job's title is two or more levels more senior than the resume's
	// headline or most recent title, or names another kind of role (backend vs frontend).
	TitleMismatch Code = "title-mismatch"
)

// Finding is a problem the person can fix.
type Finding struct {
	Code    Code        `json:"code"`
	Keyword string      `json:"keyword,omitempty"` // the keyword concerned, where one applies
	Section SectionKind `json:"section,omitempty"` // the section concerned, where one applies
	Message string      `json:"message"`           // what to change, for a person
}
