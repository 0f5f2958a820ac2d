package textmatch

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// benchSkills is a realistic catalog: languages, frameworks, tools and
// practices as a resume or job ad names them.
var benchSkills = []string{
	"Python", "Java", "JavaScript", "TypeScript", "C", "C++", "C#", "Rust", "Ruby", "PHP",
	"Kotlin", "Swift", "Scala", "Haskell", "Elixir", "Erlang", "Clojure", "Perl", "R", "MATLAB",
	"Julia", "Dart", "Lua", "Objective-C", "Bash", "PowerShell", "SQL", "NoSQL", "GraphQL", "HTML",
	"CSS", "Sass", "Node.js", "Node", "Deno", "React", "React Native", "Angular", "Vue.js", "Svelte",
	"Next.js", "Nuxt.js", "Express", "Django", "Flask", "FastAPI", "Spring", "Spring Boot", "Spring Cloud", "Hibernate",
	".NET", "ASP.NET", ".NET Core", "Entity Framework", "Rails", "Ruby on Rails", "Laravel", "Symfony", "Phoenix", "gRPC",
	"REST", "RESTful APIs", "OpenAPI", "WebSockets", "OAuth 2.0", "OpenID Connect", "JWT", "SAML", "Kafka", "Apache Kafka",
	"RabbitMQ", "ActiveMQ", "NATS", "Redis", "Memcached", "PostgreSQL", "MySQL", "MariaDB", "SQLite", "Oracle",
	"SQL Server", "MongoDB", "Cassandra", "DynamoDB", "Elasticsearch", "OpenSearch", "Snowflake", "BigQuery", "Redshift", "ClickHouse",
	"Spark", "Apache Spark", "Hadoop", "Flink", "Airflow", "dbt", "Databricks", "Pandas", "NumPy", "SciPy",
	"scikit-learn", "TensorFlow", "PyTorch", "Keras", "XGBoost", "machine learning", "deep learning", "NLP", "computer vision", "LLM",
	"data engineering", "data science", "data modeling", "database design", "database", "ETL", "ELT", "data warehouse", "data lake", "AWS",
	"Amazon Web Services", "EC2", "S3", "Lambda", "ECS", "EKS", "CloudFormation", "Azure", "Microsoft Azure", "GCP",
	"Google Cloud", "Kubernetes", "Docker", "Helm", "Terraform", "Ansible", "Puppet", "Chef", "Packer", "Vault",
	"Consul", "Nomad", "Istio", "Linkerd", "Envoy", "NGINX", "Apache", "Linux", "Unix", "Windows Server",
	"CI/CD", "CI / CD", "Jenkins", "GitHub Actions", "GitLab CI", "CircleCI", "Argo CD", "Git", "GitHub", "GitLab",
	"Bitbucket", "Jira", "Confluence", "Agile", "Scrum", "Kanban", "TDD", "test-driven development", "BDD", "DevOps",
	"SRE", "site reliability engineering", "observability", "Prometheus", "Grafana", "Datadog", "New Relic", "Splunk", "OpenTelemetry", "ELK",
	"microservices", "micro-services", "distributed systems", "event-driven architecture", "domain-driven design", "system design", "cloud-native", "cloud", "serverless", "multi-tenant",
	"high availability", "scalability", "performance tuning", "load balancing", "caching", "security", "penetration testing", "OWASP", "SOC 2", "GDPR",
	"HIPAA", "PCI DSS", "R&D", "A/B testing", "product management", "stakeholder management", "mentoring", "leadership", "communication", "problem solving",
	"Figma", "Tableau", "Power BI", "Excel", "Looker", "Salesforce", "SAP", "Selenium", "Cypress", "Playwright",
}

// benchPatterns returns the catalog as patterns; "Go" carries its contexts.
func benchPatterns() []Pattern {
	ps := []Pattern{goLang, {Text: "Golang"}}
	for _, s := range benchSkills {
		ps = append(ps, Pattern{Text: s, CaseSensitive: len(s) <= 2})
	}
	return ps
}

// benchLines are resume-like lines with skills, near misses, bullets,
// dashes, accents and odd whitespace.
var benchLines = []string{
	"• Designed and built micro-services in Go (Golang) and Java backed by Kafka-backed event pipelines.",
	"– Migrated a monolith to Spring Boot 3 on Kubernetes; cut p99 latency by 40 %.",
	"Led the go-to-market for our data platform, and had to go the extra mile during go-live.",
	"Skills: Python, C++, C#, .NET Core, ASP.NET, Node.js, TypeScript, React, PostgreSQL, Redis.",
	"Experience with NoSQL stores (MongoDB, Cassandra) and MySQL/PostgreSQL tuning.",
	"Built CI/CD with GitHub Actions and Argo CD; infrastructure as code with Terraform and Helm.",
	"Worked in R&D on machine learning models (PyTorch, scikit-learn) for computer vision.",
	"Trust & Safety tooling — moderation queues, rule engines, JavaScript dashboards.",
	"Mentored 5 engineers; ran Scrum ceremonies and wrote Confluence docs for stakeholders.",
	"Implemented OAuth 2.0, OpenID Connect and JWT authentication for a multi-tenant SaaS.",
	"Réduit les coûts AWS de 30 % — EC2, S3, Lambda et DynamoDB — pour l'équipe données.",
	"Designed database\n  schemas and led database design reviews across three teams.",
	"Let's go: on the go, always learning; I like Rust, Elixir and Haskell in my spare time.",
	"Observability with Prometheus, Grafana, OpenTelemetry and Datadog; on-call SRE rotation.",
	"Wrote ETL jobs in Apache Spark and Airflow, loading a Snowflake data warehouse via dbt.",
	"负责后端服务开发，使用 Go 和 Kubernetes 部署 – 日均请求量 10 亿。",
	"Achieved SOC 2 and GDPR compliance; performed penetration testing against the OWASP top 10.",
	"Ran A/B testing experiments with product management; presented results in Tableau and Looker.",
	"Automated browser tests with Playwright and Cypress, replacing a flaky Selenium suite.",
	"Tech stack: Go, gRPC, NATS, ClickHouse, Envoy, Istio, Linux, Bash, Git, Jira.",
	"\tCoordinated an event-driven architecture rewrite; introduced domain-driven design.",
	"Hobbies: hiking, chess, photography, cooking and writing about distributed systems.",
}

// benchText returns about n bytes of resume-like text, the same for a
// given n.
func benchText(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(n + 256)
	for b.Len() < n {
		b.WriteString(benchLines[r.IntN(len(benchLines))])
		if r.IntN(4) == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

// largeCatalog returns the realistic catalog plus synthetic words, n in all.
func largeCatalog(n int) []Pattern {
	ps := benchPatterns()
	r := rand.New(rand.NewPCG(3, 4))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	word := func() string {
		w := make([]byte, 3+r.IntN(9))
		for i := range w {
			w[i] = letters[r.IntN(len(letters))]
		}
		return string(w)
	}
	for len(ps) < n {
		t := word()
		if r.IntN(3) == 0 {
			t += " " + word()
		}
		ps = append(ps, Pattern{Text: t})
	}
	return ps
}

const benchTextSize = 1 << 20

func benchScan(b *testing.B, ps []Pattern) {
	m, err := Compile(ps)
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(benchTextSize)
	dst := m.FindAll(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		dst = m.AppendMatches(dst[:0], text)
	}
	b.ReportMetric(float64(len(dst)), "matches/op")
}

// BenchmarkScan scans 1 MiB of resume-like text for about 200 skills.
func BenchmarkScan(b *testing.B) { benchScan(b, benchPatterns()) }

// BenchmarkScanLargeCatalog scans the same text for 10,000 patterns.
func BenchmarkScanLargeCatalog(b *testing.B) { benchScan(b, largeCatalog(10000)) }

// BenchmarkFindAll is BenchmarkScan allocating a fresh result each time.
func BenchmarkFindAll(b *testing.B) {
	m, err := Compile(benchPatterns())
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(benchTextSize)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.FindAll(text)
	}
}

// BenchmarkCompile compiles the realistic catalog of about 200 skills.
func BenchmarkCompile(b *testing.B) {
	ps := benchPatterns()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(ps); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileLargeCatalog compiles 10,000 patterns.
func BenchmarkCompileLargeCatalog(b *testing.B) {
	ps := largeCatalog(10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(ps); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRegexpBaseline is the naive alternative: one (?i)\b...\b regexp
// per skill, each run over the text. It ignores the technical-token rules
// and overlap resolution, so it does less work than Scan. It scans a
// 64 KiB prefix of the text to keep the run short; MB/s compares directly.
func BenchmarkRegexpBaseline(b *testing.B) {
	ps := benchPatterns()
	res := make([]*regexp.Regexp, len(ps))
	for i, p := range ps {
		res[i] = regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(p.Text) + `\b`)
	}
	text := benchText(benchTextSize)[:64<<10]
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for _, re := range res {
			re.FindAllStringIndex(text, -1)
		}
	}
}
