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

// TestResponseBodyLimited lowers the body limit to 1 KiB through the unexported option
// and sends 4 KiB: the error says so, and says what the limit is.
func TestResponseBodyLimited(t *testing.T) {
	t.Parallel()
	big := `{"error":{"message":"` + strings.Repeat("x", 4<<10) + `","type":"server_error"}}`
	tests := []struct {
		name      string
		status    int
		body      string
		retryable bool
		kind      error
	}{
		{name: "success body", status: http.StatusOK, body: `{"choices":[{"message":{"role":"assistant","content":"` + strings.Repeat("y", 4<<10) + `"}}]}`, kind: ErrBadRequest},
		{name: "error body", status: http.StatusBadGateway, body: big, retryable: true, kind: ErrUnavailable},
		{name: "error body client error", status: http.StatusBadRequest, body: big, kind: ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			c := New("sk-test", WithBaseURL(srv.URL+"/v1"), WithHTTPClient(srv.Client()), withMaxResponseBody(1<<10))
			_, err := c.Complete(context.Background(), Request{Messages: []Message{{Role: RoleUser, Content: "hi"}}})
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.ErrorIs(t, err, errResponseTooLarge)
			assert.ErrorIs(t, err, tt.kind)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.retryable, e.Retryable)
			assert.Contains(t, e.Error(), "response too large (over 1024 bytes)")
			assert.NotContains(t, e.Error(), "xxx")
		})
	}

	t.Run("small body passes", func(t *testing.T) {
		t.Parallel()
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
