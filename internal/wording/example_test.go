package wording_test

import (
	"fmt"

	"github.com/resumekit/resumekit/internal/wording"
)

func ExampleTokenize() {
	line := "- Built a cutting-edge API (p95)"
	body := line[wording.BodyStart(line):]
	var words []string
	for _, sp := range wording.Tokenize(nil, body) {
		words = append(words, body[sp.Start:sp.End])
	}
	fmt.Printf("%q\n", words)
	fmt.Println(wording.List([]string{"PostgreSQL", "MySQL", "SQLite", "Oracle"}, 3, "or"))
	// Output:
	// ["Built" "a" "cutting-edge" "API" "p95"]
	// PostgreSQL, MySQL or SQLite
}
