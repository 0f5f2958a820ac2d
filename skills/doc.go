// Package skills is a typed catalog of what backend developers are hired for: skills by tier
// with why each matters, how to prove it and how long it takes; certifications with cost,
// preparation time and a verdict; the keywords applicant tracking systems (ATS) screen for,
// grouped with advice on where each belongs on a resume; weak→strong bullet examples;
// portfolio signals; and learning resources.
//
// The facts come from one source document and are carried exactly; [Backend] returns them,
// embedded in the package and validated on first use. [Load] reads a caller's own catalog in
// the same JSON format, whose schema [Schema] returns.
//
//	c := skills.Backend()
//	for _, s := range c.SkillsByTier(skills.MustHave) {
//		fmt.Println(s.Name, s.TimeToAcquire) // e.g. "... 6–18 months"
//	}
//	k, ok := c.Lookup("Postgres") // PostgreSQL, true
//
// # Keywords
//
// A [Keyword] has a canonical term, aliases, and the case-sensitive forms that need context
// ("Go" is the language in "written in Go" but not in "Go-to-market"). A [GenericTerm] such as
// "relational database" stands in for specific keywords. [Catalog.Mentions] finds every
// keyword and generic term in a text in one pass, with byte offsets; the ats and bullets
// packages build on it.
//
// # Technology vocabulary
//
// [Backend] also carries over a thousand technologies beyond the keywords
// ([Catalog.Technologies]): languages, frameworks, libraries, databases, cloud services,
// platforms, tools, protocols and formats, each a [Technology] with a [Category], aliases and
// the same case and context rules as keywords, from the public sources [Catalog.Sources]
// names with their licences. They are compiled into the keywords' automaton:
// [Catalog.AppendAllMentions] finds keywords, generic terms and technologies in the same single
// pass, and reports two different terms whose forms overlap ("RESTful API design": REST API
// and API design); [Catalog.Mentions] keeps to the keywords. [LoadWithVocabulary] loads a
// catalog with a vocabulary of the caller's.
//
// # Concurrency
//
// A [Catalog] is immutable once built and safe for concurrent use; accessors return copies.
//
// # Errors
//
// [Load] and [LoadWithVocabulary] return an error prefixed "skills: " that names every problem
// they found, by item and field, for example:
//
//	skills: invalid catalog: skills[2] "rest-api-design".time_to_acquire: min 8 is greater than max 4
package skills
