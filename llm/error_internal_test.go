package llm

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzServerMessage checks the guard on provider text: whatever the provider says and
// whatever the request held, the message an Error keeps never contains the key, never
// shares a run of echoRun characters with the request, and stays short.
func FuzzServerMessage(f *testing.F) {
	const key = "sk-fuzz-0123456789abcdef"
	f.Add("Invalid value: 'Used Kafka for message processing at Acme'", "Used Kafka for message processing at Acme")
	f.Add("Incorrect API key provided: "+key, "hello")
	f.Add("maximum context length is 128000 tokens", "Used Kafka")
	f.Add("ééééééééééééééééééé", "ééééééééééééééééé")
	c := New(key)
	f.Fuzz(func(t *testing.T, msg, content string) {
		req := Request{Messages: []Message{{Role: RoleUser, Content: content}}}
		got := c.serverMessage(msg, req)
		if strings.Contains(got, key) {
			t.Fatalf("key kept: %q", got)
		}
		if len(got) > maxServerMessage+len("...") && !strings.HasPrefix(got, "(the provider") {
			t.Fatalf("message of %d bytes kept", len(got))
		}
		r := []rune(got)
		for i := 0; i+echoRun <= len(r); i++ {
			if w := string(r[i : i+echoRun]); utf8.ValidString(w) && strings.Contains(content, w) {
				t.Fatalf("kept %q, which repeats the request", w)
			}
		}
	})
}

// FuzzRetryAfter checks that any header value reads as a wait between 0 and the
// saturation point, the same way for both headers.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"2", "0.5", "1e400", "1000000000", "-3", "NaN", "Inf", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", ""} {
		f.Add(s)
	}
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		for _, name := range []string{"retry-after", "retry-after-ms"} {
			h := http.Header{}
			h.Set(name, v)
			d := parseRetryAfter(h, now)
			if d < 0 || d > maxRetryAfter {
				t.Fatalf("%s: %q read as %s", name, v, d)
			}
		}
	})
}
