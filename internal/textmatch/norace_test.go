//go:build !race

package textmatch

const raceEnabled = false
