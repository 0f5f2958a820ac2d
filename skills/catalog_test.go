package skills

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBackendSkills(t *testing.T) {
	t.Parallel()
	c := Backend()
	require.Same(t, c, Backend(), "parsed once and shared")
	assert.Equal(t, "Backend Developer", c.Role())
	assert.Len(t, c.SkillsByTier(MustHave), 8)
	assert.Len(t, c.SkillsByTier(NiceToHave), 5)
	assert.Len(t, c.SkillsByTier(Emerging), 2)
	require.Len(t, c.Skills(), 15)

	tests := []struct {
		id   string
		tier Tier
		kind SkillKind
		time string
		also string
	}{
		{"language-depth", MustHave, TechnicalSkill, "6–18 months", "3–6 months"},
		{"relational-database-design", MustHave, TechnicalSkill, "3–6 months", ""},
		{"rest-api-design", MustHave, TechnicalSkill, "4–8 weeks", ""},
		{"auth", MustHave, TechnicalSkill, "4–8 weeks", ""},
		{"advanced-sql", MustHave, TechnicalSkill, "4–8 weeks", ""},
		{"caching", MustHave, ToolSkill, "2–4 months", ""},
		{"nosql", MustHave, ToolSkill, "2–4 months", ""},
		{"containerization", MustHave, ToolSkill, "2–4 weeks", ""},
		{"message-queues", NiceToHave, ToolSkill, "4–8 weeks", ""},
		{"graphql", NiceToHave, TechnicalSkill, "4–8 weeks", ""},
		{"observability", NiceToHave, ToolSkill, "4–8 weeks", ""},
		{"distributed-systems", NiceToHave, TechnicalSkill, "3–6 months", ""},
		{"api-security", NiceToHave, TechnicalSkill, "4–8 weeks", ""},
		{"llm-integration", Emerging, TechnicalSkill, "4–8 weeks", ""},
		{"schema-migrations", Emerging, MethodologySkill, "2–4 months", ""},
	}
	for i, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			s, ok := c.Skill(tt.id)
			require.True(t, ok)
			assert.Equal(t, tt.id, c.Skills()[i].ID, "catalog order, must-have first")
			assert.Equal(t, tt.tier, s.Tier)
			assert.Equal(t, tt.kind, s.Kind)
			assert.Equal(t, tt.time, s.TimeToAcquire.String())
			if tt.also == "" {
				assert.Nil(t, s.AlsoTimeToAcquire)
			} else {
				require.NotNil(t, s.AlsoTimeToAcquire)
				assert.Equal(t, tt.also, s.AlsoTimeToAcquire.String())
			}
			assert.NotEmpty(t, s.Keywords)
			for _, term := range s.Keywords {
				_, ok := c.Keyword(term)
				assert.True(t, ok, "keyword %q", term)
			}
		})
	}
}

func TestBackendCertifications(t *testing.T) {
	t.Parallel()
	certs := Backend().Certifications()
	require.Len(t, certs, 6)
	tests := []struct {
		name    string
		issuer  string
		cost    string
		prep    string
		verdict Verdict
	}{
		{"AWS Certified Solutions Architect – Associate", "Amazon Web Services", "$300", "60–100 hours", Situational},
		{"Certified Kubernetes Administrator (CKA)", "Cloud Native Computing Foundation", "$395", "80–150 hours", Situational},
		{"MongoDB Associate Developer", "MongoDB", "$150", "20–40 hours", Situational},
		{"Oracle Database certifications (OCA/OCP)", "Oracle", "$245–$295", "60–120 hours", Situational},
		{"Certified Scrum Master (CSM)", "Scrum Alliance", "$500–$1000 incl. training", "2 days", Overrated},
		{"CKAD (Certified Kubernetes Application Developer)", "Cloud Native Computing Foundation", "$395", "60–100 hours", Situational},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := certs[i]
			assert.Equal(t, tt.name, got.Name)
			assert.Equal(t, tt.issuer, got.Issuer)
			assert.Equal(t, tt.cost, got.CostUSD.String())
			assert.Equal(t, tt.prep, got.Prep.String())
			assert.Equal(t, tt.verdict, got.Verdict)
			assert.NotEmpty(t, got.Advice)
		})
	}
	csm := certs[4]
	assert.Equal(t, Span{Min: 2, Max: 2, Unit: Days, Condition: "in a course"}, csm.Prep)
	assert.Equal(t, Cost{Min: 500, Max: 1000, Includes: "training"}, csm.CostUSD)
}

func TestBackendKeywordGroups(t *testing.T) {
	t.Parallel()
	want := map[string][]string{
		"languages": {"Node.js", "Python", "Go", "Java", "Rust", "TypeScript", "PHP", "Ruby", "Kotlin", "Spring Boot"},
		"databases": {"PostgreSQL", "MySQL", "MongoDB", "Redis", "DynamoDB", "Cassandra", "Elasticsearch", "SQL", "database design", "data modeling"},
		"apis":      {"REST API", "GraphQL", "gRPC", "microservices", "message queue", "Kafka", "RabbitMQ", "event-driven", "API design", "distributed systems"},
		"cloud":     {"AWS", "GCP", "Azure", "Docker", "Kubernetes", "Terraform", "CI/CD", "serverless", "cloud-native", "infrastructure as code"},
		"practices": {"test-driven development", "code review", "system design", "Agile", "performance optimization", "security", "observability", "monitoring", "reliability", "on-call"},
	}
	groups := Backend().Groups()
	require.Len(t, groups, 5)
	for _, g := range groups {
		var terms []string
		for _, k := range g.Keywords {
			terms = append(terms, k.Term)
			assert.True(t, k.Listed)
			assert.Equal(t, g.ID, k.Group)
		}
		assert.Equal(t, want[g.ID], terms, g.ID)
		assert.NotEmpty(t, g.Placement)
		assert.NotEmpty(t, g.Why)
		for _, k := range g.Related {
			assert.False(t, k.Listed)
			assert.Equal(t, g.ID, k.Group)
		}
	}
	db, ok := Backend().Group("databases")
	require.True(t, ok)
	assert.Contains(t, db.Placement, "Designed schema for 40M-row PostgreSQL database, reduced query time by 60% with targeted indexes")
}

func TestBackendGuidance(t *testing.T) {
	t.Parallel()
	c := Backend()
	ex := c.BulletExamples()
	require.Len(t, ex, 5)
	assert.Equal(t, "Optimized database performance for the application.", ex[0].Weak)
	assert.Contains(t, ex[0].Strong, "reducing p99 response time from 3.2s to 180ms")
	assert.Equal(t, "Used Kafka for message processing.", ex[2].Weak)
	assert.Contains(t, ex[4].Strong, "6 permission levels")

	assert.Len(t, c.PortfolioSignals(), 4)

	res := c.Resources()
	require.Len(t, res, 9)
	kinds := map[ResourceKind]int{}
	paid := 0
	for _, r := range res {
		kinds[r.Kind]++
		if r.Cost == Paid {
			paid++
		}
	}
	assert.Equal(t, map[ResourceKind]int{Book: 2, Documentation: 6, Course: 1}, kinds)
	assert.Equal(t, 1, paid, "only Designing Data-Intensive Applications costs money")
	urls := map[string]string{}
	for _, r := range res {
		if r.URL != "" {
			urls[r.ID] = r.URL
		}
	}
	assert.Equal(t, map[string]string{
		"use-the-index-luke": "https://use-the-index-luke.com",
		"twelve-factor":      "https://12factor.net",
		"google-sre":         "https://sre.google",
	}, urls)
	ddia, ok := c.Resource("ddia")
	require.True(t, ok)
	assert.Equal(t, []Tier{MustHave, NiceToHave}, ddia.Tiers)
}

func TestLookup(t *testing.T) {
	t.Parallel()
	c := Backend()
	tests := []struct {
		name, in, want string
	}{
		{"canonical", "PostgreSQL", "PostgreSQL"},
		{"alias", "Postgres", "PostgreSQL"},
		{"folded", "postgresql", "PostgreSQL"},
		{"golang", "Golang", "Go"},
		{"case-sensitive form asked in lowercase", "go", "Go"},
		{"k8s", "k8s", "Kubernetes"},
		{"node", "NodeJS", "Node.js"},
		{"mongo", "Mongo", "MongoDB"},
		{"restful", "RESTful", "REST API"},
		{"hyphenated", "micro-services", "microservices"},
		{"spaced", "CI / CD", "CI/CD"},
		{"extra spaces", "  infra-as-code ", "infrastructure as code"},
		{"tdd", "TDD", "test-driven development"},
		{"on call", "on call", "on-call"},
		{"event driven", "event driven", "event-driven"},
		{"related", "Express.js", "Express"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := c.Lookup(tt.in)
			require.True(t, ok)
			assert.Equal(t, tt.want, k.Term)
		})
	}
	_, ok := c.Lookup("COBOL")
	assert.False(t, ok)
	_, ok = c.Lookup("relational database")
	assert.False(t, ok, "generic terms are not keywords")
	g, ok := c.Generic("RDBMS")
	require.True(t, ok)
	assert.Equal(t, []string{"PostgreSQL", "MySQL"}, g.Specific)
}

func TestKeywordRelations(t *testing.T) {
	t.Parallel()
	c := Backend()
	py, _ := c.Keyword("Python")
	assert.Equal(t, Language, py.Kind)
	assert.Equal(t, []string{"FastAPI", "Django", "Flask"}, py.Frameworks)
	aws, _ := c.Keyword("AWS")
	assert.Equal(t, Cloud, aws.Kind)
	assert.Subset(t, aws.Services, []string{"EC2", "RDS", "S3", "Lambda", "SQS"})
	for _, term := range []string{"Memcached", "JWT", "OAuth 2.0", "RBAC", "OpenTelemetry", "Prometheus", "SQS", "OpenAPI", "Express", "FastAPI", "EC2", "RDS", "S3", "Lambda"} {
		_, ok := c.Keyword(term)
		assert.True(t, ok, term)
	}
	cloud, ok := c.Generic("the cloud")
	require.True(t, ok)
	assert.Equal(t, []string{"AWS", "GCP", "Azure"}, cloud.Specific)
}

// TestCatalogIsImmutable: every accessor hands out a copy. Overwriting every string in what
// it returned changes nothing the next call returns.
func TestCatalogIsImmutable(t *testing.T) {
	t.Parallel()
	c := Backend()
	one := func(v any, ok bool) any { require.True(t, ok, "the lookup finds its item"); return v }
	for name, get := range map[string]func() any{
		"Skills":         func() any { return c.Skills() },
		"Skill":          func() any { return one(c.Skill("caching")) },
		"SkillsByTier":   func() any { return c.SkillsByTier(MustHave) },
		"Certifications": func() any { return c.Certifications() },
		"Groups":         func() any { return c.Groups() },
		"Group":          func() any { return one(c.Group(c.Groups()[1].ID)) },
		"Keywords":       func() any { return c.Keywords() },
		"Keyword":        func() any { return one(c.Keyword("Node.js")) },
		"Lookup":         func() any { return one(c.Lookup("postgres")) },
		"GenericTerms":   func() any { return c.GenericTerms() },
		"Generic":        func() any { return one(c.Generic(c.GenericTerms()[0].Term)) },
		"Resources":      func() any { return c.Resources() },
		"Resource":       func() any { return one(c.Resource(c.Resources()[0].ID)) },
		"Technologies":   func() any { return c.Technologies() },
		"Technology":     func() any { return one(c.Technology("Apache Airflow")) },
		"Sources":        func() any { return c.Sources() },
		"BulletExamples": func() any { return c.BulletExamples() },
		"Portfolio":      func() any { return c.PortfolioSignals() },
	} {
		before, err := json.Marshal(get())
		require.NoError(t, err)
		got := reflect.ValueOf(get())
		ptr := reflect.New(got.Type())
		ptr.Elem().Set(got)
		require.Positive(t, scribble(ptr), "%s returned no string to change", name)
		after, err := json.Marshal(get())
		require.NoError(t, err)
		assert.JSONEq(t, string(before), string(after), name)
	}
}

// scribble overwrites every string v reaches through pointers, structs, slices and arrays,
// and returns how many it overwrote.
func scribble(v reflect.Value) int {
	n := 0
	switch v.Kind() {
	case reflect.String:
		v.SetString("scribbled")
		n++
	case reflect.Pointer:
		if !v.IsNil() {
			n += scribble(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += scribble(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			n += scribble(v.Index(i))
		}
	}
	return n
}

func TestWriteJSONRoundTrips(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, Backend().WriteJSON(&buf))
	again, err := Load(&buf)
	require.NoError(t, err)
	assert.Equal(t, Backend().Skills(), again.Skills())
	assert.Equal(t, Backend().Keywords(), again.Keywords())
	assert.Equal(t, Backend().GenericTerms(), again.GenericTerms())
}

func TestEmbeddedFileIsCanonical(t *testing.T) {
	t.Parallel()
	// The embedded file is exactly what WriteJSON produces, so -json output and the file agree.
	var buf bytes.Buffer
	require.NoError(t, Backend().WriteJSON(&buf))
	assert.Equal(t, string(backendJSON), buf.String())
}

func TestEmbeddedCatalogLoads(t *testing.T) {
	t.Parallel()
	_, err := Load(bytes.NewReader(backendJSON))
	require.NoError(t, err)
}

// TestZeroCatalog: the zero value is an empty catalog, not a nil-pointer panic.
func TestZeroCatalog(t *testing.T) {
	t.Parallel()
	var c Catalog
	assert.Empty(t, c.Mentions("Go and PostgreSQL"))
	assert.Equal(t, []Mention{{Term: "kept"}}, c.AppendAllMentions([]Mention{{Term: "kept"}}, "Elixir"))
	_, ok := c.Lookup("Go")
	assert.False(t, ok)
	assert.Empty(t, c.Keywords())
	assert.Empty(t, c.Skills())
	assert.Empty(t, c.Technologies())
	assert.Empty(t, c.Sources())
	var b bytes.Buffer
	assert.NoError(t, c.WriteJSON(&b))
}
