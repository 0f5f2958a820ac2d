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
	return m.AppendMatchesWith(dst, text, ScanOptions{})
}

// ScanOptions changes what [Matcher.AppendMatchesWith] reports. The zero value reports what
// [Matcher.AppendMatches] does.
type ScanOptions struct {
	// Skip, when Skip[i] is true, makes pattern i no candidate at all, as if it had not been
	// compiled: a shorter or later pattern may win where it would have. Patterns past the end
	// of Skip are not skipped.
	Skip []bool
	// Overlaps also reports a match that starts inside the previous one and ends after it
	// ("API design" in "RESTful API design", after "RESTful API"). A match inside another
	// is still not reported ("Spring" in "Spring Boot"). Matches stay in order of start.
	Overlaps bool
}

// AppendMatchesWith is [Matcher.AppendMatches] with options.
func (m *Matcher) AppendMatchesWith(dst []Match, text string, opt ScanOptions) []Match {
	return m.appendMatches(dst, text, opt, minHalf)
}

// A text is scanned as pairs of parts at most maxHalf bytes long, scanned in step, each
// at least minHalf bytes long: below that, the second scan costs more than it saves.
const (
	minHalf = 256
	maxHalf = 2048
)

// appendMatches is AppendMatchesWith, scanning text as two parts in step when each
// can be least bytes long (minHalf outside tests).
func (m *Matcher) appendMatches(dst []Match, text string, opt ScanOptions, least int) []Match {
	if len(m.trans) == 0 && len(m.trans16) == 0 {
		return dst
	}
	sc := scan{m: m, text: text, dst: dst, done: len(dst), skip: opt.Skip, overlaps: opt.Overlaps, lastStart: -1}
	if m.trans16 != nil {
		i, s := 0, int(m.root>>m.shift)
		for {
			mid := m.split(text, i, least)
			if mid < 0 {
				break
			}
			i, s = sc.pair16(i, s, mid)
		}
		sc.seq16(i, len(text), s)
	} else {
		classes, noEnd := &m.classes, &m.noEnd
		trans, accept := m.trans, m.accept
		s := m.root
		for i := 0; i < len(text); i++ {
			s = trans[s+int32(classes[text[i]])]
			if s == m.dead {
				for i+1 < len(text) && wordByte[text[i+1]] {
					i++
				}
				continue
			}
			// Most keyword ends fall inside a longer word ("r" in "server");
			// reject those here, before the call.
			if s < accept && (i+1 == len(text) || !noEnd[text[i+1]]) {
				sc.candidates(s, i+1)
			}
		}
	}
	sc.resolve(len(text) + 1)
	return sc.dst[:sc.done]
}

// seq16 runs the 16-bit DFA over text[i:end] from state s (unmultiplied) and returns
// the state it ends in.
func (sc *scan) seq16(i, end, s int) int {
	m, text := sc.m, sc.text
	classes, noEnd := &m.classes, &m.noEnd
	trans, shift := m.trans16, m.shift
	accept, dead := int(m.accept>>shift), int(m.dead>>shift)
	for ; i < end; i++ {
		s = int(trans[s<<shift|int(classes[text[i]])])
		if s == dead {
			for i+1 < end && wordByte[text[i+1]] {
				i++
			}
			continue
		}
		// Most keyword ends fall inside a longer word ("r" in "server"); reject
		// those here, before the call.
		if s < accept && (i+1 == len(text) || !noEnd[text[i+1]]) {
			sc.candidates(int32(s<<shift), i+1)
		}
	}
	return s
}

// split returns where text[from:] can be scanned as two parts: just after a byte of
// class 0, which no keyword holds and which is no space, so that the DFA is at its root
// there whatever came before; no match spans it. Neither part is shorter than least bytes,
// and the first is about maxHalf bytes long at most. It returns -1 when
// there is no such place.
func (m *Matcher) split(text string, from, least int) int {
	if len(text)-from < 2*least {
		return -1
	}
	for i := from + min(maxHalf, (len(text)-from)/2); i < len(text)-least; i++ {
		if c := text[i]; m.classes[c] == 0 && !isSpace(c) {
			return i + 1
		}
	}
	return -1
}

// pair16 runs the 16-bit DFA over text[i:mid], from state s, and text[mid:], from the
// root, in step: the two chains of table lookups do not wait on each other, so the
// processor overlaps them. Each part's candidates wait in a room of their own and are
// taken, the first part's then the second's, when the loop stops: when the first part
// ends, the second does or a room is full. The first part is then finished alone, and
// pair16 returns where the second part goes on and in which state.
func (sc *scan) pair16(i, s, mid int) (int, int) {
	m, text := sc.m, sc.text
	classes, noEnd := &m.classes, &m.noEnd
	trans, shift := m.trans16, m.shift
	accept := int(m.accept >> shift)
	type event struct{ s, end int }
	var roomA, roomB [128]event
	na, nb := 0, 0
	a, b := s, int(m.root>>shift)
	// The parts as slices, the first with the byte after it, so that the loop reads them
	// without bounds checks.
	pa, pb := text[i:mid+1], text[mid:]
	n := min(len(pa)-1, len(pb))
	k := 0
	for ; k < n && na < len(roomA) && nb < len(roomB); k++ {
		a = int(trans[a<<shift|int(classes[pa[k]])])
		b = int(trans[b<<shift|int(classes[pb[k]])])
		if a < accept && !noEnd[pa[k+1]] {
			roomA[na] = event{a, i + k + 1}
			na++
		}
		if b < accept && (k+1 == len(pb) || !noEnd[pb[k+1]]) {
			roomB[nb] = event{b, mid + k + 1}
			nb++
		}
	}
	for _, e := range roomA[:na] {
		sc.candidates(int32(e.s<<shift), e.end)
	}
	sc.seq16(i+k, mid, a)
	for _, e := range roomB[:nb] {
		sc.candidates(int32(e.s<<shift), e.end)
	}
	return mid + k, b
}

// scan is the state of one AppendMatches call besides the DFA state.
type scan struct {
	m    *Matcher
	text string
	// dst[:done] is the result so far; dst[done:] holds the valid
	// candidates not yet known to win or lose.
	dst       []Match
	done      int
	lastEnd   int // end of the last match emitted
	lastStart int // start of the last match emitted, -1 before the first
	skip      []bool
	overlaps  bool
}

// after reports whether a candidate at start..end may still be emitted after the last match:
// it starts at or after its end, or, with overlaps, starts inside it and ends after it.
func (sc *scan) after(start, end int) bool {
	return start >= sc.lastEnd || sc.overlaps && start > sc.lastStart && end > sc.lastEnd
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
	st := s >> m.shift
	added := false
	for _, k := range m.outKeys[m.outStart[st]:m.outStart[st+1]] {
		kw := &m.keys[k]
		start, ok := end-len(kw.text), true
		if kw.spaced {
			start, ok = matchBack(text, end, kw.text)
		}
		if !ok || !sc.after(start, end) || !boundaryBefore(text, start) {
			continue
		}
		for _, p := range kw.pats {
			if int(p) < len(sc.skip) && sc.skip[p] {
				continue
			}
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
		sc.lastEnd, sc.lastStart = b.End, b.Start
		// Emit b from the first pending slot and keep, after it, only the
		// candidates that may follow it.
		pending[0], pending[best] = b, pending[0]
		n := 1
		for _, c := range pending[1:] {
			if sc.after(c.Start, c.End) {
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
