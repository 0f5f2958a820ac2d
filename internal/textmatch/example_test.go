package textmatch_test

import (
	"fmt"

	"github.com/resumekit/resumekit/internal/textmatch"
)

func Example() {
	m, err := textmatch.Compile([]textmatch.Pattern{
		{Text: "Go", CaseSensitive: true, NotFollowedBy: []string{"-to-", " the extra"}},
		{Text: "Spring"},
		{Text: "Spring Boot"},
		{Text: "Node.js"},
		{Text: "C"},
		{Text: ".NET"},
	})
	if err != nil {
		panic(err)
	}
	text := "Built Spring\n  Boot and Node.js services in Go; C++ and ASP.NET too. Led the Go-to-market."
	for _, mt := range m.FindAll(text) {
		fmt.Printf("%d %q\n", mt.Pattern, text[mt.Start:mt.End])
	}
	// Output:
	// 2 "Spring\n  Boot"
	// 3 "Node.js"
	// 0 "Go"
}

func ExampleMatcher_AppendMatches() {
	m, err := textmatch.Compile([]textmatch.Pattern{{Text: "Kafka"}, {Text: "Redis"}})
	if err != nil {
		panic(err)
	}
	// Reuse one buffer across documents to avoid allocating.
	buf := make([]textmatch.Match, 0, 16)
	for _, doc := range []string{"Kafka-backed pipelines", "Redis, Kafka"} {
		buf = m.AppendMatches(buf[:0], doc)
		fmt.Println(len(buf), buf)
	}
	// Output:
	// 1 [{0 0 5}]
	// 2 [{1 0 5} {0 7 12}]
}

func ExampleCompile_error() {
	_, err := textmatch.Compile([]textmatch.Pattern{{Text: "Go"}, {Text: "  "}})
	fmt.Println(err)
	// Output:
	// textmatch: pattern 1 Text: empty or whitespace-only text
}
