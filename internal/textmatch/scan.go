package textmatch

// FindAll returns the matches in text, in order and without overlaps, or nil
// if there are none. It is shorthand for m.AppendMatches(nil, text).
func (m *Matcher) FindAll(text string) []Match {
	return m.AppendMatches(nil, text)
}

// AppendMatches appends the matches in text to dst, in order and without
// overlaps, and returns the extended slice. It allocates nothing but the
// growth of dst, which also holds, past the matches emitted so far, the few
// candidates still undecided; a dst with some spare capacity therefore makes
// it allocation-free.
func (m *Matcher) AppendMatches(dst []Match, text string) []Match {
	if len(m.trans) == 0 {
		return dst
	}
	sc := scan{m: m, text: text, dst: dst, done: len(dst)}
	trans, classes, noEnd, accept := m.trans, &m.classes, &m.noEnd, m.accept
	s := m.root
	for i := 0; i < len(text); i++ {
		s = trans[s+int32(classes[text[i]])]
		// Most keyword ends fall inside a longer word ("r" in "server");
		// reject those here, before the call.
		if s < accept && (i+1 == len(text) || !noEnd[text[i+1]]) {
			sc.candidates(s, i+1)
		}
	}
	sc.resolve(len(text) + 1)
	return sc.dst[:sc.done]
}

// scan is the state of one AppendMatches call besides the DFA state.
type scan struct {
	m    *Matcher
	text string
	// dst[:done] is the result so far; dst[done:] holds the valid
	// candidates not yet known to win or lose.
	dst     []Match
	done    int
	lastEnd int // end of the last match emitted
}

// candidates records the valid candidates ending at end, where the DFA
// entered accepting state s, and emits those that can no longer be beaten.
func (sc *scan) candidates(s int32, end int) {
	text := sc.text
	// Every keyword ending here shares this boundary; most keyword ends
	// inside a longer word fail it.
	if !boundaryAfter(text, end) {
		return
	}
	m := sc.m
	st := s / m.stride
	added := false
	for _, k := range m.outKeys[m.outStart[st]:m.outStart[st+1]] {
		kw := &m.keys[k]
		start, ok := matchBack(text, end, kw.text)
		if !ok || start < sc.lastEnd || !boundaryBefore(text, start) {
			continue
		}
		for _, p := range kw.pats {
			if m.pats[p].valid(text, start, end) {
				sc.dst = append(sc.dst, Match{Pattern: int(p), Start: start, End: end})
				added = true
				break // the lowest valid index wins this span
			}
		}
	}
	if added {
		// Any later candidate starts within the current state's label,
		// whose raw length is its depth unless it holds whitespace.
		horizon := end - int(m.depth[st])
		if m.depth[st] < 0 {
			horizon = skipBack(text, end, -m.depth[st])
		}
		sc.resolve(horizon)
	}
}

// resolve emits, leftmost-longest, the pending candidates that start before
// horizon, the earliest start any candidate found later can have.
func (sc *scan) resolve(horizon int) {
	for sc.done < len(sc.dst) {
		pending := sc.dst[sc.done:]
		best := 0
		for i, c := range pending {
			if b := pending[best]; c.Start < b.Start ||
				c.Start == b.Start && (c.End > b.End || c.End == b.End && c.Pattern < b.Pattern) {
				best = i
			}
		}
		b := pending[best]
		if b.Start >= horizon {
			return
		}
		sc.lastEnd = b.End
		// Emit b from the first pending slot and keep, after it, only the
		// candidates that start at or after its end.
		pending[0], pending[best] = b, pending[0]
		n := 1
		for _, c := range pending[1:] {
			if c.Start >= b.End {
				pending[n] = c
				n++
			}
		}
		sc.done++
		sc.dst = sc.dst[:sc.done+n-1]
	}
}

// valid reports whether the pattern, whose folded text matched text[start:end]
// at word boundaries, passes its case and context checks.
func (p *compiledPattern) valid(text string, start, end int) bool {
	if p.caseSensitive && !matchForward(text, start, p.text, false) {
		return false
	}
	for _, c := range p.notPreceded {
		if _, ok := matchBack(text, start, c); ok {
			return false
		}
	}
	for _, c := range p.notFollowed {
		if matchForward(text, end, c, true) {
			return false
		}
	}
	return true
}
