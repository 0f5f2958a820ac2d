// Package clitest checks the example programs' command-line errors and the width of their
// text output the same way for every program. Only tests import it.
package clitest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// Case is one command line and what the program must answer: its exit code and a text
// its standard error holds.
type Case struct {
	Name string
	Args []string
	Code int
	Want string
}

// Run runs each case through run (given the case's own t), in parallel, and checks the exit code, that standard
// error holds Want, that a failure writes nothing to standard output, and that a
// failure to do the work (exit code 1) is said in one line.
func Run(t *testing.T, run func(t *testing.T, args ...string) (code int, stdout, stderr string), cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := run(t, c.Args...)
			assert.Equal(t, c.Code, code)
			assert.Contains(t, errOut, c.Want)
			if c.Code != 0 {
				assert.Empty(t, out)
			}
			if c.Code == 1 {
				assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			}
		})
	}
}

// Fits checks that every line of out is at most width characters long and holds no
// terminal escape code; what names the output in a failure.
func Fits(t *testing.T, out string, width int, what string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, utf8.RuneCountInString(line), width, "%s fits %d columns: %q", what, width, line)
		assert.NotContains(t, line, "\x1b[", "%s: no terminal codes", what)
	}
}
