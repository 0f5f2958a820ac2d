package skills

// BulletExample pairs a weak resume bullet with a strong rewrite of it.
type BulletExample struct {
	// Demonstrates is the skill area the strong bullet proves.
	Demonstrates string `json:"demonstrates"`
	Weak         string `json:"weak"`
	Strong       string `json:"strong"`
}

// PortfolioSignal is a piece of portfolio work that convinces hiring managers.
type PortfolioSignal struct {
	Title string `json:"title"`
	Why   string `json:"why"`
	How   string `json:"how"`
}

// ResourceKind says what form a learning resource takes.
type ResourceKind string

// The kinds of resource.
const (
	Book          ResourceKind = "book"
	Documentation ResourceKind = "documentation"
	Course        ResourceKind = "course"
)

func (k ResourceKind) valid() bool { return k == Book || k == Documentation || k == Course }

// Price says whether a resource costs money.
type Price string

// The prices.
const (
	Free Price = "free"
	Paid Price = "paid"
)

func (p Price) valid() bool { return p == Free || p == Paid }

// Resource is a book, documentation set or course that teaches skills in the catalog.
type Resource struct {
	ID      string       `json:"id"`
	Title   string       `json:"title"`
	Kind    ResourceKind `json:"kind" jsonschema:"enum=book,enum=documentation,enum=course"`
	Cost    Price        `json:"cost" jsonschema:"enum=free,enum=paid"`
	Summary string       `json:"summary"`
	// BestFor says what the resource is best at teaching.
	BestFor string `json:"best_for"`
	// Tiers are the skill tiers the resource serves.
	Tiers []Tier `json:"tiers"`
	// URL is where to find it; empty when the source names none.
	URL string `json:"url,omitempty"`
}

func (r Resource) clone() Resource {
	r.Tiers = append([]Tier(nil), r.Tiers...)
	return r
}
