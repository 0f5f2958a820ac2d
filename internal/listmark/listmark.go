// Package listmark recognises the list markers that start resume bullets, so that every
// package reads "- ", "• ", "1. " and Word's symbol-font bullets the same way.
package listmark

import "strings"

// markers are the glyphs that start a list item when a space or tab follows them:
// ASCII (- * +), typographic bullets and dashes, arrows and check marks, and the
// private-use bullets Word's Symbol and Wingdings fonts leave in exported text.
var markers = []string{
	"-", "*", "+",
	"•", "●", "▪", "■", "◦", "‣", "·", "◆", "❖", "□",
	"–", "—",
	"➢", "►", "▸", "▹", "→", "✓", "✔", "〓", "❑", "✦",
	"o", // Word's second-level bullet, exported as a letter
	"\uf0b7", "\uf0a7", "\uf076", "\uf0d8",
}

// Len returns the length in bytes of the list marker that line starts with, including the
// space or tab after it, or 0 when line does not start with one. Numbered items ("1. ",
// "12) ") count as markers; a marker needs the space after it, so "-5%" and "**bold**"
// are not list items. line should already be trimmed of leading space.
func Len(line string) int {
	for _, m := range markers {
		if strings.HasPrefix(line, m) && len(line) > len(m) && (line[len(m)] == ' ' || line[len(m)] == '\t') {
			return len(m) + 1
		}
	}
	digits := 0
	for digits < len(line) && digits < 3 && line[digits] >= '0' && line[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits+1 < len(line) && (line[digits] == '.' || line[digits] == ')') && (line[digits+1] == ' ' || line[digits+1] == '\t') {
		return digits + 2
	}
	return 0
}
