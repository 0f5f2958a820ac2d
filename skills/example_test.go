package skills_test

import (
	"fmt"
	"strings"

	"github.com/resumekit/resumekit/skills"
)

func ExampleBackend() {
	c := skills.Backend()
	for _, s := range c.SkillsByTier(skills.Emerging) {
		fmt.Printf("%s: %s\n", s.Name, s.TimeToAcquire)
	}
	for _, cert := range c.Certifications()[:2] {
		fmt.Printf("%s — %s, %s prep, %s\n", cert.Name, cert.CostUSD, cert.Prep, cert.Verdict)
	}
	// Output:
	// LLM API integration and structured output extraction: 4–8 weeks
	// Database migration and schema evolution patterns: 2–4 months
	// AWS Certified Solutions Architect – Associate — $300, 60–100 hours prep, situational
	// Certified Kubernetes Administrator (CKA) — $395, 80–150 hours prep, situational
}

func ExampleCatalog_Lookup() {
	c := skills.Backend()
	for _, term := range []string{"Postgres", "k8s", "Golang", "CI / CD", "COBOL"} {
		k, ok := c.Lookup(term)
		fmt.Printf("%s → %q %v (group %s)\n", term, k.Term, ok, k.Group)
	}
	// Output:
	// Postgres → "PostgreSQL" true (group databases)
	// k8s → "Kubernetes" true (group cloud)
	// Golang → "Go" true (group languages)
	// CI / CD → "CI/CD" true (group cloud)
	// COBOL → "" false (group )
}

func ExampleCatalog_Mentions() {
	text := "Go-to-market lead; wrote Go (Golang) services on Postgres, deployed via CI / CD."
	for _, m := range skills.Backend().Mentions(text) {
		fmt.Printf("%q → %s alias=%v\n", text[m.Start:m.End], m.Term, m.Alias)
	}
	// Output:
	// "Go" → Go alias=false
	// "Golang" → Go alias=true
	// "Postgres" → PostgreSQL alias=true
	// "CI / CD" → CI/CD alias=true
}

func ExampleLoad() {
	_, err := skills.Load(strings.NewReader(`{"role": "Backend", "skils": []}`))
	fmt.Println(err)
	// Output:
	// skills: decode catalog: line 1, column 21: unknown field "skils"
}

func ExampleCatalog_AppendAllMentions() {
	c := skills.Backend()
	for _, m := range c.AppendAllMentions(nil, "Elixir/Phoenix on Snowflake; RESTful API design") {
		if t, ok := c.Technology(m.Term); ok {
			fmt.Println(m.Term, "technology:", t.Category)
		} else {
			fmt.Println(m.Term, "catalog keyword")
		}
	}
	// Output:
	// Elixir technology: language
	// Phoenix technology: framework
	// Snowflake technology: database
	// REST API catalog keyword
	// API design catalog keyword
}
