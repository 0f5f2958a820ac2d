// Package ats compares a resume with a job description the way an applicant tracking system
// (ATS) does, and explains the result: which of the job's keywords the resume shows and where,
// which are missing, a 0–100 score in which every point traces to a keyword, and findings
// with stable codes that tell the person what to change.
//
//	rep, err := ats.Match(resumeText, jobText) // the embedded backend catalog
//	if err != nil { ... }                     // empty, oversized or binary input
//	fmt.Println(rep.Score)
//	for _, f := range rep.Findings {
//		fmt.Println(f.Code, f.Message) // "context-free-keyword", "Kafka is only listed under skills…"
//	}
//
// Matching is literal and deterministic: the catalog's canonical terms plus an explicit
// alias table, found in one pass over the text by a multi-pattern automaton that treats C#,
// .NET, Node.js and CI/CD as whole tokens and solves ambiguity with the catalog's case and
// context rules ("Go" the language, not "go-to-market"). [ReadResume] reads a resume file in
// any format, told by content (plain text, Markdown, JSON Resume, Reactive Resume, DOCX, and
// PDF through a [PDFReader] such as package ats/pdf provides); [ParseResume] reads plain text
// and Markdown, [ParseJSONResume] the JSON Resume format, and [ParseJob] reads a job like a
// recruiter: required, preferred and ignored lines (benefits, company description, metadata),
// alternatives ("e.g. Go, Python, or similar" is one requirement) and the requirements beyond
// keywords ([Requirement]: years of experience, degree, certifications, title). The catalog's
// technology vocabulary makes every technology a job names a keyword (Elixir, Snowflake,
// Datadog), with its category. [Matcher] documents the score, which counts each requirement
// once.
//
// # Concurrency
//
// A [Matcher] is immutable and safe for concurrent use; build one per catalog and share it.
// The parse functions and [Match] are safe to call from many goroutines.
//
// # Errors
//
// The parsers return errors prefixed "ats: " that wrap [ErrEmpty], [ErrTooLarge] or
// [ErrBinary] for input that is not a document; matching itself cannot fail.
package ats
