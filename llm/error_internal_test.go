package llm

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// FuzzServerMessage checks the guard on provider text: whatever the provider says and
// whatever the request held, the message an Error keeps never contains the key, never
// shares a run of echoRun characters with the request (as written, or JSON-decoded as a
// provider would quote it), and stays short.
func FuzzServerMessage(f *testing.F) {
	const key = "sk-fuzz-0123456789abcdef"
	f.Add("Invalid value: 'Used Kafka for message processing at Acme'", "Used Kafka for message processing at Acme")
	f.Add("Incorrect API key provided: "+key, "hello")
	f.Add("maximum context length is 128000 tokens", "Used Kafka")
	f.Add("ééééééééééééééééééé", "ééééééééééééééééé")
	f.Add(`Invalid: Cut p99 <50ms & "Acme" >9 & x`, `{"bullet":"Cut p99 \u003c50ms \u0026 \"Acme\" \u003e9 \u0026 x"}`)
	f.Add(`\ud83d\ude00 \u12`, `\ud83d\ude00\ud800\u00e9\\\"`+"\xff")
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
			if w := string(r[i : i+echoRun]); utf8.ValidString(w) && (strings.Contains(content, w) || strings.Contains(quotedForm(content), w)) {
				t.Fatalf("kept %q, which repeats the request", w)
			}
		}
	})
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		h    map[string]string
		want time.Duration
	}{
		{name: "none", want: 0},
		{name: "ms", h: map[string]string{"retry-after-ms": "250"}, want: 250 * time.Millisecond},
		{name: "ms wins over seconds", h: map[string]string{"retry-after-ms": "1500", "retry-after": "9"}, want: 1500 * time.Millisecond},
		{name: "seconds", h: map[string]string{"retry-after": "2"}, want: 2 * time.Second},
		{name: "fractional seconds", h: map[string]string{"retry-after": "0.5"}, want: 500 * time.Millisecond},
		{name: "http date", h: map[string]string{"retry-after": now.Add(7 * time.Second).Format(http.TimeFormat)}, want: 7 * time.Second},
		{name: "date in the past", h: map[string]string{"retry-after": now.Add(-time.Minute).Format(http.TimeFormat)}, want: 0},
		{name: "garbage", h: map[string]string{"retry-after": "soon", "retry-after-ms": "-3"}, want: 0},
		// One rule for both headers: a huge value saturates (Generate then waits its
		// cap), never reads as "no wait".
		{name: "absurd seconds", h: map[string]string{"retry-after": "1e300"}, want: maxRetryAfter},
		{name: "beyond float64", h: map[string]string{"retry-after": "1e400"}, want: maxRetryAfter},
		{name: "a billion seconds", h: map[string]string{"retry-after": "1000000000"}, want: 1e9 * time.Second},
		{name: "31 years in ms", h: map[string]string{"retry-after-ms": "977616000000"}, want: 977616000000 * time.Millisecond},
		{name: "zero", h: map[string]string{"retry-after": "0"}, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			for k, v := range tt.h {
				h.Set(k, v)
			}
			assert.Equal(t, tt.want, parseRetryAfter(h, now))
		})
	}
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
