package bullets

import (
	"strings"
)

// past returns the simple past of a base verb: "build" → "built", "migrate" →
// "migrated", "ship" → "shipped", "deploy" → "deployed", "apply" → "applied".
func past(base string) string {
	r := rules()
	if p, ok := r.data.Irregular[base]; ok {
		return p
	}
	n := len(base)
	switch {
	case n == 0:
		return base
	case strings.HasSuffix(base, "e"):
		return base + "d"
	case n > 1 && base[n-1] == 'y' && !isVowel(base[n-2]):
		return base[:n-1] + "ied"
	case r.doubles[base]:
		return base + base[n-1:] + "ed"
	}
	return base + "ed"
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// notGerunds are words ending in -ing that are not verb forms.
var notGerunds = map[string]bool{
	"string": true, "strings": true, "thing": true, "things": true, "nothing": true,
	"something": true, "everything": true, "anything": true, "ring": true, "king": true,
	"spring": true, "during": true, "morning": true, "evening": true, "ceiling": true,
	"wing": true, "sing": true, "bring": true, "sling": true, "swing": true, "sting": true,
	"bing": true, "ping": true, "ding": true, "wording": true,
}

// isGerund reports whether a lowercase word is an -ing verb form.
func isGerund(w string) bool {
	return len(w) > 5 && strings.HasSuffix(w, "ing") && !notGerunds[w]
}

// eStems are endings after which a gerund's stem lost a silent e ("automat-ing" →
// "automate").
var eStems = []string{"at", "iz", "ys", "ur", "ut", "id", "ud", "ir", "bl", "os", "us", "v", "c", "dg", "rg", "ag", "in"}

// gerundBase returns the base verb of a gerund: "building" → "build", "managing" →
// "manage", "shipping" → "ship", "automating" → "automate".
func gerundBase(g string) string {
	r := rules()
	stem := strings.TrimSuffix(g, "ing")
	n := len(stem)
	switch {
	case n == 0:
		return g
	case r.eVerbs[stem+"e"]:
		return stem + "e"
	case n > 2 && stem[n-1] == stem[n-2] && !strings.ContainsRune("lsfz", rune(stem[n-1])) && (r.doubles[stem[:n-1]] || isKnownVerb(stem[:n-1])):
		return stem[:n-1]
	case isKnownVerb(stem):
		return stem
	case n > 2 && stem[n-1] == stem[n-2] && !strings.ContainsRune("lsfz", rune(stem[n-1])):
		return stem[:n-1]
	}
	for _, e := range eStems {
		if strings.HasSuffix(stem, e) {
			if e == "in" && n > 2 && isVowel(stem[n-3]) {
				return stem // "maintain", "train", "join" keep no e
			}
			return stem + "e"
		}
	}
	return stem
}

// extraVerbs are common resume verbs, in base form, that the word lists do not imply.
var extraVerbs = map[string]bool{
	"fix": true, "deliver": true, "ship": true, "speed": true, "test": true, "debug": true,
	"refactor": true, "launch": true, "deploy": true, "maintain": true, "support": true,
	"develop": true, "implement": true, "add": true, "monitor": true, "document": true,
	"review": true, "troubleshoot": true, "onboard": true, "train": true, "mentor": true,
	"plan": true, "design": true, "build": true, "lower": true, "cut": true, "boost": true,
	"expand": true, "process": true, "handle": true, "connect": true, "port": true,
	"clean": true, "audit": true, "patch": true, "harden": true, "tune": true, "profile": true,
	"instrument": true, "publish": true, "load": true, "store": true, "index": true,
	"benchmark": true, "track": true, "alert": true, "detect": true, "prevent": true,
	"protect": true, "encrypt": true, "sign": true, "verify": true, "parse": true,
}

// isKnownVerb reports whether a lowercase word is a base verb this package knows.
func isKnownVerb(w string) bool {
	r := rules()
	if _, ok := r.data.Irregular[w]; ok {
		return true
	}
	if r.eVerbs[w] || r.doubles[w] || extraVerbs[w] {
		return true
	}
	p := w + "ed"
	if strings.HasSuffix(w, "e") {
		p = w + "d"
	}
	return r.strong[p] || r.neutral[p]
}
