package bullets

import (
	"testing"

	"github.com/pkoukk/tiktoken-go"
	tiktokenloader "github.com/pkoukk/tiktoken-go-loader"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/resumekit/resumekit/llm"
)

// TestPromptTokens counts, with OpenAI's tokenizer (tiktoken, loaded offline), the
// prompt tokens of a typical rewrite request for every prompt version: the system and
// user messages and the reply schema sent as the response format. The README's table
// comes from `go test ./bullets -run TestPromptTokens -v`. Message framing adds a few
// tokens per message that are not counted here.
func TestPromptTokens(t *testing.T) {
	tiktoken.SetBpeLoader(tiktokenloader.NewOfflineLoader())
	enc, err := tiktoken.GetEncoding("o200k_base") // the gpt-4o and gpt-4.1 families
	require.NoError(t, err)
	schema, err := llm.SchemaFor[modelReply]()
	require.NoError(t, err)

	req := Request{Bullet: "Used Kafka for message processing."}
	budget := map[string]int{"rewrite-v1": 450, "rewrite-v2": 460}
	for _, version := range PromptVersions() {
		msgs, err := prompts()[version].render(newEvidence(vocabFor(nil), req), req, Analyze(req.Bullet).Codes())
		require.NoError(t, err)
		system, user := len(enc.Encode(msgs[0].Content, nil, nil)), len(enc.Encode(msgs[1].Content, nil, nil))
		sch := len(enc.Encode(string(schema.JSON), nil, nil))
		total := system + user + sch
		t.Logf("%s: system %d + user %d + schema %d = %d tokens (o200k_base)", version, system, user, sch, total)
		assert.LessOrEqual(t, total, budget[version], version)
	}
}
