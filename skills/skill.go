package skills

// Tier says how much a skill weighs in hiring: a must-have, a nice-to-have or an emerging one.
type Tier string

// The tiers, strongest first.
const (
	MustHave   Tier = "must-have"
	NiceToHave Tier = "nice-to-have"
	Emerging   Tier = "emerging"
)

// Tiers lists every tier, strongest first.
func Tiers() []Tier { return []Tier{MustHave, NiceToHave, Emerging} }

func (t Tier) valid() bool { return t == MustHave || t == NiceToHave || t == Emerging }

// SkillKind says what sort of thing a skill is.
type SkillKind string

// The kinds of skill.
const (
	TechnicalSkill   SkillKind = "technical"
	ToolSkill        SkillKind = "tool"
	MethodologySkill SkillKind = "methodology"
)

func (k SkillKind) valid() bool {
	return k == TechnicalSkill || k == ToolSkill || k == MethodologySkill
}

// Unit is the unit of a [Span].
type Unit string

// The units of time a span is measured in.
const (
	Hours  Unit = "hours"
	Days   Unit = "days"
	Weeks  Unit = "weeks"
	Months Unit = "months"
)

func (u Unit) valid() bool { return u == Hours || u == Days || u == Weeks || u == Months }

// Span is a range of time, such as 6–18 months or 60–100 hours. Min equals Max for a single
// figure ("2-day course" is 2–2 days).
type Span struct {
	Min  int  `json:"min" jsonschema:"minimum=0"`
	Max  int  `json:"max" jsonschema:"minimum=0"`
	Unit Unit `json:"unit" jsonschema:"enum=hours,enum=days,enum=weeks,enum=months"`
	// Condition qualifies the span ("with a real workload", "in a second backend language").
	Condition string `json:"condition,omitempty"`
}

// String formats the span for a person: "6–18 months", "2 days".
func (s Span) String() string {
	if s.Min == s.Max {
		return itoa(s.Min) + " " + string(s.Unit)
	}
	return itoa(s.Min) + "–" + itoa(s.Max) + " " + string(s.Unit)
}

// Skill is one thing backend developers are hired for.
type Skill struct {
	ID   string    `json:"id"`
	Name string    `json:"name"`
	Tier Tier      `json:"tier" jsonschema:"enum=must-have,enum=nice-to-have,enum=emerging"`
	Kind SkillKind `json:"kind" jsonschema:"enum=technical,enum=tool,enum=methodology"`
	// Summary says why the skill matters to the people who hire.
	Summary string `json:"summary"`
	// Proof says how to show the skill to a hiring manager.
	Proof string `json:"proof"`
	// TimeToAcquire is how long it takes to reach interview depth.
	TimeToAcquire Span `json:"time_to_acquire"`
	// AlsoTimeToAcquire is a second figure the source gives for another situation, such as
	// 3–6 months for a second backend language; nil when there is none.
	AlsoTimeToAcquire *Span `json:"also_time_to_acquire,omitempty"`
	// Study names where to learn it when that is not one of the catalog's resources.
	Study string `json:"study,omitempty"`
	// Keywords are the canonical terms of the keywords that evidence the skill.
	Keywords []string `json:"keywords"`
	// Resources are the ids of the catalog resources that teach the skill.
	Resources []string `json:"resources"`
}

func (s Skill) clone() Skill {
	s.Keywords = cloneStrings(s.Keywords)
	s.Resources = cloneStrings(s.Resources)
	if s.AlsoTimeToAcquire != nil {
		v := *s.AlsoTimeToAcquire
		s.AlsoTimeToAcquire = &v
	}
	return s
}
