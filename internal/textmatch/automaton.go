package textmatch

import (
	"fmt"
	"math"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Matcher finds the patterns given to [Compile] in text. It is immutable
// once compiled and safe for concurrent use by multiple goroutines. The zero
// Matcher holds no patterns and finds nothing.
type Matcher struct {
	// classes maps an input byte to its equivalence class: ASCII letters of
	// either case share a class, as do all whitespace bytes; the bytes that
	// occur in no pattern share class 0, or class 1 if they are word bytes.
	classes [256]uint8
	// noEnd holds the bytes that rule out a match ending just before
	// them: ASCII word characters, '+' and '#'.
	noEnd [256]bool
	// trans is the dense DFA: the next state of state s on class c is
	// trans[s+c]. States are premultiplied by stride, so s is a row offset.
	trans []int32
	// trans16 is trans with unmultiplied state numbers, when they fit in 16
	// bits (they do for tens of thousands of keyword characters): half the
	// memory, so that more of it stays in cache. The next state of state s on
	// class c is trans16[s<<shift|c]. Either trans16 or trans is set.
	trans16 []uint16
	stride  int32
	shift   uint // log2(stride)
	root    int32
	// dead is the state inside a word that begins no keyword; the scan skips
	// the rest of the word without the table.
	dead int32
	// States are numbered so that those where some keyword ends come first:
	// s < accept (premultiplied) means there is output to check.
	accept int32
	// depth[s/stride] is the length of the state's label in collapsed
	// characters (a whitespace run is one character), negated when the
	// label holds a space and so may span more input bytes than that.
	depth []int32
	// outputs of accepting state s/stride are outKeys[outStart[s/stride]:outStart[s/stride+1]].
	outStart []int32
	outKeys  []int32
	keys     []keyword
	pats     []compiledPattern
}

// keyword is a distinct folded pattern text, shared by the patterns that
// fold to it.
type keyword struct {
	text string  // folded, whitespace runs as one ' '
	pats []int32 // indices into Matcher.pats, ascending
	// spaced: text holds a space, which stands for a run of whitespace of any length.
	// Without one, a keyword the DFA found ends len(text) bytes after its start.
	spaced bool
}

// Compile validates patterns and builds a [Matcher] for them. Duplicates are
// allowed: when several patterns match the same span, the lowest index wins.
// An empty slice yields a Matcher that finds nothing.
//
// The error is a [*PatternError] naming the first invalid pattern.
func Compile(patterns []Pattern) (*Matcher, error) {
	return compile(patterns, math.MaxInt32, false)
}

// compile is Compile with a limit on the transition table size, so the guard
// can be tested, and with wide forcing the 32-bit table, which Compile uses
// only past 65,536 states, so that both scan loops can be tested.
func compile(patterns []Pattern, maxCells int, wide bool) (*Matcher, error) {
	m := &Matcher{pats: make([]compiledPattern, len(patterns))}
	keyIndex := make(map[string]int32, len(patterns))
	for i, p := range patterns {
		cp, err := compilePattern(i, p)
		if err != nil {
			return nil, err
		}
		m.pats[i] = cp
		k := foldASCII(cp.text)
		id, ok := keyIndex[k]
		if !ok {
			id = int32(len(m.keys))
			keyIndex[k] = id
			m.keys = append(m.keys, keyword{text: k, spaced: strings.Contains(k, " ")})
		}
		m.keys[id].pats = append(m.keys[id].pats, int32(i))
	}
	if len(m.keys) == 0 {
		return m, nil
	}
	// Rows are a power of two long, so that a state's row is found by a shift.
	stride := 1
	for stride < m.buildClasses() {
		stride <<= 1
	}
	if err := m.buildDFA(stride, maxCells, wide); err != nil {
		return nil, err
	}
	return m, nil
}

// buildClasses assigns a class to every byte that occurs in a keyword and
// returns the number of classes.
func (m *Matcher) buildClasses() int {
	var used [256]bool
	for _, k := range m.keys {
		for i := 0; i < len(k.text); i++ {
			used[k.text[i]] = true
		}
	}
	// Class 0: the non-word bytes in no keyword; class 1: the word bytes in no
	// keyword. They differ because a keyword may start after the one but not
	// after the other.
	n := 2
	for c := 0; c < 256; c++ {
		b := byte(c)
		switch {
		case used[c] && b-'A' >= 26 && (b == ' ' || !isSpace(b)):
			m.classes[c] = uint8(n)
			n++
		case !used[c] && isASCIIWord(b):
			m.classes[c] = 1
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.classes[c] = m.classes[c+'a'-'A']
	}
	for c := range m.noEnd {
		m.noEnd[c] = c < utf8.RuneSelf && isASCIIWord(byte(c)) || c == '+' || c == '#'
	}
	for _, c := range []byte{'\t', '\r', '\n'} {
		m.classes[c] = m.classes[' ']
	}
	return n
}

// buildDFA builds the Aho–Corasick automaton of the keywords, completes it
// into a DFA and renumbers its states so that accepting states come first.
func (m *Matcher) buildDFA(stride, maxCells int, wide bool) error {
	// Trie, one dense row per state; 0 means no child (the root, state 0,
	// is nobody's child).
	rows := make([]int32, stride, stride*8)
	depth := []int32{0}
	endsInSpace := []bool{false}
	hasSpace := []bool{false}
	term := []int32{-1}
	for id, k := range m.keys {
		s := int32(0)
		for i := 0; i < len(k.text); i++ {
			c := int(m.classes[k.text[i]])
			next := rows[int(s)*stride+c]
			if next == 0 {
				next = int32(len(depth))
				if (len(depth)+2)*stride > maxCells { // and a row for the dead state
					return fmt.Errorf("textmatch: compile: automaton exceeds %d transitions", maxCells)
				}
				rows = append(rows, make([]int32, stride)...)
				depth = append(depth, depth[s]+1)
				endsInSpace = append(endsInSpace, k.text[i] == ' ')
				hasSpace = append(hasSpace, hasSpace[s] || k.text[i] == ' ')
				term = append(term, -1)
				rows[int(s)*stride+c] = next
			}
			s = next
		}
		term[s] = int32(id)
	}
	// A keyword can start only where no word byte precedes it, so the
	// automaton follows only the prefixes that start there: state dead is
	// "inside a word that begins no keyword", and leaves only on a non-word
	// byte. (Non-ASCII bytes count as non-word here; candidates check the
	// decoded rune.) This keeps the scan out of the deep states that suffixes
	// inside longer words would reach, and their candidates off the calls.
	dead := int32(len(depth))
	rows = append(rows, make([]int32, stride)...)
	depth = append(depth, 0)
	endsInSpace = append(endsInSpace, false)
	hasSpace = append(hasSpace, false)
	term = append(term, -1)
	n := len(depth)
	wordClass := make([]bool, stride)
	for c := range 256 {
		if c < utf8.RuneSelf && isASCIIWord(byte(c)) {
			wordClass[m.classes[c]] = true
		}
	}
	// restart is where a byte of class c leads when no keyword prefix goes
	// on with it.
	restart := func(c int) int32 {
		if wordClass[c] {
			return dead
		}
		return 0
	}

	// Breadth-first: failure links (the longest proper suffix of a state's
	// label that starts after a non-word byte and is a keyword prefix, else
	// the root or dead), missing transitions, and outputs (own keyword
	// first, then those of the failure state).
	fail := make([]int32, n)
	outs := make([][]int32, n)
	queue := make([]int32, 0, n)
	order := make([]int32, 0, n) // the states breadth-first: root and dead, then by depth
	order = append(order, 0, dead)
	root, deadRow := rows[:stride], rows[int(dead)*stride:]
	for c := 0; c < stride; c++ {
		deadRow[c] = restart(c)
		if u := root[c]; u != 0 {
			fail[u] = restart(c)
			queue = append(queue, u)
		} else {
			root[c] = restart(c)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		order = append(order, s)
		if term[s] >= 0 {
			outs[s] = append(outs[s], term[s])
		}
		outs[s] = append(outs[s], outs[fail[s]]...)
		row, frow := rows[int(s)*stride:], rows[int(fail[s])*stride:]
		for c := 0; c < stride; c++ {
			if u := row[c]; u != 0 {
				fail[u] = frow[c]
				queue = append(queue, u)
			} else {
				row[c] = frow[c]
			}
		}
	}
	// A whitespace byte after whitespace leaves the state alone, so that one
	// pattern space matches a whole run. Only states whose label ends in a
	// space are entered after whitespace with anything to remember; from the
	// others whitespace leads to the root, whose whitespace row is itself.
	if ws := int(m.classes[' ']); ws != 0 {
		for s := range n {
			if endsInSpace[s] {
				rows[s*stride+ws] = int32(s)
			}
		}
	}

	// Renumber: accepting states first.
	perm := make([]int32, n)
	next := int32(0)
	for _, s := range order {
		if len(outs[s]) > 0 {
			perm[s] = next
			next++
		}
	}
	accepting := next
	for _, s := range order {
		if len(outs[s]) == 0 {
			perm[s] = next
			next++
		}
	}
	small := n <= 1<<16 && !wide
	if small {
		m.trans16 = make([]uint16, n*stride)
	} else {
		m.trans = make([]int32, n*stride)
	}
	m.depth = make([]int32, n)
	m.outStart = make([]int32, accepting+1)
	outKeys := make([][]int32, accepting)
	for s := range n {
		p := int(perm[s])
		src := rows[s*stride:]
		if small {
			dst := m.trans16[p*stride : (p+1)*stride]
			for c := range dst {
				dst[c] = uint16(perm[src[c]])
			}
		} else {
			dst := m.trans[p*stride : (p+1)*stride]
			for c := range dst {
				dst[c] = perm[src[c]] * int32(stride)
			}
		}
		m.depth[p] = depth[s]
		if hasSpace[s] {
			m.depth[p] = -depth[s]
		}
		if p < int(accepting) {
			outKeys[p] = outs[s]
		}
	}
	for p, ks := range outKeys {
		m.outStart[p] = int32(len(m.outKeys))
		m.outKeys = append(m.outKeys, ks...)
	}
	m.outStart[accepting] = int32(len(m.outKeys))
	m.stride, m.shift = int32(stride), uint(bits.TrailingZeros(uint(stride)))
	m.root = perm[0] * int32(stride)
	m.dead = perm[dead] * int32(stride)
	m.accept = accepting * int32(stride)
	return nil
}

// Len returns the number of patterns given to Compile.
func (m *Matcher) Len() int { return len(m.pats) }
