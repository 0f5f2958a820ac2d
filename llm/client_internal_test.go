package llm

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResponseBodyLimited lowers maxResponseBody, so it must not run in parallel with
// other tests: it is not marked t.Parallel and restores the limit before they resume.
func TestResponseBodyLimited(t *testing.T) {
	old := maxResponseBody
	maxResponseBody = 1 << 10
	defer func() { maxResponseBody = old }()

	big := `{"error":{"message":"` + strings.Repeat("x", 4<<10) + `","type":"server_error"}}`
	tests := []struct {
		name      string
		status    int
		body      string
		retryable bool
	}{
		{name: "success body", status: http.StatusOK, body: `{"choices":[{"message":{"role":"assistant","content":"` + strings.Repeat("y", 4<<10) + `"}}]}`},
		{name: "error body", status: http.StatusBadGateway, body: big, retryable: true},
		{name: "error body client error", status: http.StatusBadRequest, body: big},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c := New("sk-test", WithBaseURL(srv.URL+"/v1"), WithHTTPClient(srv.Client()))
			_, err := c.Complete(context.Background(), Request{Messages: []Message{{Role: RoleUser, Content: "hi"}}})
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.ErrorIs(t, err, errResponseTooLarge)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.retryable, e.Retryable)
			assert.Contains(t, e.Error(), "response body exceeds 1024 bytes")
			assert.NotContains(t, e.Error(), "xxx")
		})
	}

	t.Run("small body passes", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"choices":[{"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}`))
		}))
		defer srv.Close()
		c := New("sk-test", WithBaseURL(srv.URL+"/v1"), WithHTTPClient(srv.Client()))
		resp, err := c.Complete(context.Background(), Request{Messages: []Message{{Role: RoleUser, Content: "hi"}}})
		require.NoError(t, err)
		assert.Equal(t, "ok", resp.Content)
	})
}
