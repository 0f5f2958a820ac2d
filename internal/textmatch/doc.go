// Package textmatch finds many literal keywords in text in one pass, with
// word boundaries that understand technical tokens such as "C++", "C#",
// ".NET", "Node.js", "CI/CD" and "R&D".
//
// It is the engine under the skills catalog and the ATS matcher: compile the
// keyword list once with [Compile], then scan any number of documents with
// [Matcher.FindAll] or, without allocating, [Matcher.AppendMatches].
//
//	m, err := textmatch.Compile([]textmatch.Pattern{
//		{Text: "Go", CaseSensitive: true, NotFollowedBy: []string{"-to-", " the extra"}},
//		{Text: "Spring Boot"},
//		{Text: "Spring"},
//	})
//	if err != nil {
//		return err
//	}
//	for _, mt := range m.FindAll(resume) {
//		fmt.Println(mt.Pattern, resume[mt.Start:mt.End])
//	}
//
// # Rules
//
// Leftmost-longest. Among the valid candidates, the match that starts
// leftmost wins; at equal start the longest wins; at equal span the pattern
// with the lowest index wins. Scanning resumes at the end of the winner, so
// matches never overlap and come out in input order. A candidate that fails
// a case, boundary or context check is not a candidate at all: a shorter
// valid pattern at the same start, or a later one, may then win.
// [Matcher.AppendMatchesWith] with [ScanOptions] can also report a match that
// starts inside the previous one and ends after it, or skip some patterns.
//
// Word boundaries. Word characters are ASCII letters, digits, '_' and any
// non-ASCII letter or digit (the rune is decoded; invalid UTF-8 is not a word
// character). A match is valid only when
//
//   - the character before it is not a word character, and is not a joiner
//     ('.' or '&') that itself follows a word character: ".NET" is not found
//     in "ASP.NET", nor "D" in "R&D";
//   - the character after it is not a word character, not '+' or '#' ("C" is
//     never found in "C++" or "C#"), and not a joiner followed by a word
//     character: "Node" is not found in "Node.js", nor "R" in "R&D", but "Go."
//     and "Redis," at the end of a sentence are.
//
// Everything else is a boundary: whitespace, '-', '/', '(', ')', ',', ':',
// ';', quotes (so "Go's" contains "Go"), bullets and dashes such as "•", "–"
// and "—". Patterns that begin or end with a non-word byte (".NET", "C++")
// obey the same rules, so "C++17" does not contain "C++".
//
// Case. A CaseSensitive pattern matches only its exact bytes; any other
// pattern folds ASCII A–Z. Non-ASCII bytes are always compared exactly.
//
// Whitespace. Whitespace means the ASCII bytes space, tab, '\r' and '\n'.
// In Text, leading and trailing whitespace is trimmed and each inner run of
// whitespace becomes one space, which matches one or more whitespace bytes in
// the input: "Spring Boot" matches "Spring\n  Boot". Start and End always
// index the original input.
//
// Context. A match is rejected when the input just before it ends with one of
// NotPrecededBy, or the input just after it starts with one of NotFollowedBy.
// Context strings are compared ASCII case-insensitively, whatever
// CaseSensitive says, and a run of whitespace in them matches one or more
// whitespace bytes; unlike Text, their leading and trailing whitespace is kept
// and significant ("let's " needs whitespace between "let's" and the match).
// They are plain strings, not words: "on the " also rejects "Go" in
// "Python the Go".
//
// # Performance
//
// Compile builds an Aho–Corasick automaton over case-folded bytes and turns
// it into a dense DFA over byte equivalence classes, in which a whitespace
// byte that follows whitespace leaves the state unchanged. Since a keyword
// starts only where no word byte precedes it, the automaton follows only the
// prefixes that start there. A scan reads each input byte once with two table
// lookups, and the rest of a word that begins no keyword with one. A long text
// is cut, after bytes no keyword holds, into pairs of parts scanned in step, so
// that the processor overlaps their lookups. Only when a keyword ends is the
// candidate's start recovered by walking back over the keyword, and only then
// are case, boundaries and context checked. The cost of a scan therefore
// grows with the input length and the number of keyword occurrences, hardly
// with the number of patterns.
//
// # Concurrency
//
// A [Matcher] is immutable once compiled and safe for concurrent use by
// multiple goroutines.
//
// # Errors
//
// [Compile] fails with a [*PatternError] naming the offending pattern and
// field; it wraps [ErrEmptyText], [ErrEmptyContext] or [ErrInvalidUTF8] for
// errors.Is. Scanning never fails: any input, including invalid UTF-8, is
// accepted, and offsets always fall within it.
package textmatch
