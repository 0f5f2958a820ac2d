package bullets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRequestKeyHasRulesVersion checks that a rules change changes every cache key, so
// a shared or persistent cache never serves a rewrite only an older guard checked.
func TestRequestKeyHasRulesVersion(t *testing.T) {
	t.Parallel()
	req := Request{Bullet: "Used Kafka for message processing."}
	rw := New(nil)
	assert.Equal(t, requestKey(rw.prompt.hash, rw.modelName, RulesVersion(), req), rw.key(req))
	assert.NotEqual(t, requestKey("h", "m", "rules-v2", req), requestKey("h", "m", "rules-v3", req))
	assert.Equal(t, requestKey("h", "m", "rules-v3", req), requestKey("h", "m", "rules-v3", Request{Bullet: "- " + req.Bullet + "  "}))
}
