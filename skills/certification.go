package skills

// Verdict is the catalog's judgement of a certification.
type Verdict string

// The verdicts.
const (
	Situational Verdict = "situational" // worth it in some situations, named in the advice
	Overrated   Verdict = "overrated"   // rarely worth the time or money for backend roles
)

func (v Verdict) valid() bool { return v == Situational || v == Overrated }

// Cost is a price range in US dollars. Min equals Max for a single price.
type Cost struct {
	Min int `json:"min" jsonschema:"minimum=0"`
	Max int `json:"max" jsonschema:"minimum=0"`
	// Includes says what the price covers beyond the exam ("training"), if anything.
	Includes string `json:"includes,omitempty"`
}

// String formats the cost for a person: "$300", "$245–$295".
func (c Cost) String() string {
	s := "$" + itoa(c.Min)
	if c.Max != c.Min {
		s += "–$" + itoa(c.Max)
	}
	if c.Includes != "" {
		s += " incl. " + c.Includes
	}
	return s
}

// Certification is a credential and whether it is worth getting.
type Certification struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Issuer  string  `json:"issuer"`
	CostUSD Cost    `json:"cost_usd"`
	Prep    Span    `json:"prep"`
	Verdict Verdict `json:"verdict" jsonschema:"enum=situational,enum=overrated"`
	// Advice says when the certification is worth it and when it is not.
	Advice string `json:"advice"`
}
