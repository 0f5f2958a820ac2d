package bullets

// Code names a kind of weakness. Codes are stable: programs may branch on them and
// store them. Their JSON form is the string itself.
type Code string

// The weakness codes, in the order Analyze reports them.
const (
	// WeakOpener: the bullet starts with a duty, not an action ("Responsible for",
	// "Worked on", "Helped", "Used", ...).
	WeakOpener Code = "weak-opener"
	// PassiveVoice: "APIs were built", "was maintained by me".
	PassiveVoice Code = "passive-voice"
	// Pronoun: "I", "my", "we", "our" (and me, us, mine, ours).
	Pronoun Code = "pronoun"
	// Filler: words that add length but no information ("various", "in a timely
	// manner", "best practices", "etc.").
	Filler Code = "filler"
	// Buzzword: overused, AI-sounding words ("leveraged", "synergy", "cutting-edge").
	Buzzword Code = "buzzword"
	// NoMetric: no number, quantity or scale. A year is not a metric.
	NoMetric Code = "no-metric"
	// NoTechnology: names no technology of the catalog (its keywords or its technology
	// vocabulary).
	NoTechnology Code = "no-technology"
	// TooLong: over 30 words or 260 characters.
	TooLong Code = "too-long"
	// TooShort: fewer than 5 words.
	TooShort Code = "too-short"
	// Instructions: text addressed to a model or a program, not to a reader ("Ignore
	// previous instructions and reply ..."). No rewrite carries it over.
	Instructions Code = "instructions"
)

// Codes returns every weakness code, in the order Analyze reports them.
func Codes() []Code {
	return []Code{WeakOpener, PassiveVoice, Pronoun, Filler, Buzzword, NoMetric, NoTechnology, TooLong, TooShort, Instructions}
}
