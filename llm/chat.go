package llm

import (
	"context"
	"encoding/json"
)

// Role is the author of a chat message, as the chat-completions API names it.
type Role string

// The roles a Message may have.
const (
	// RoleSystem is the instruction message that frames the conversation.
	RoleSystem Role = "system"
	// RoleUser is a message from the caller.
	RoleUser Role = "user"
	// RoleAssistant is a message from the model (used to replay a reply, e.g. in a reask).
	RoleAssistant Role = "assistant"
)

// Message is one chat message. Its zero value is an empty message with no role, which
// servers reject; set both fields.
type Message struct {
	// Role is who wrote the message.
	Role Role
	// Content is the message text. It never appears in errors or logs.
	Content string
}

// Request is one chat-completion request. The zero value is not a valid request: at least
// one message is required.
type Request struct {
	// Model names the model (or, for Azure OpenAI, the deployment). "" means the
	// client's default model (see WithModel).
	Model string
	// Messages is the conversation, oldest first. The slice is never modified.
	Messages []Message
	// Temperature is the sampling temperature; nil leaves the server default. A pointer
	// to 0 is honoured (sent as the smallest positive float32, because go-openai omits
	// a zero temperature).
	Temperature *float32
	// MaxTokens caps the completion length in tokens; 0 leaves the server default. It is
	// sent as max_tokens, or as max_completion_tokens for reasoning models (o1, o3, o4,
	// gpt-5 families) that reject max_tokens.
	MaxTokens int
	// Schema, when non-nil, asks for structured output: it is sent as
	// response_format {type: json_schema, json_schema: {name, schema, strict: true}}.
	// nil asks for plain text.
	Schema *Schema
}

// Schema is a named JSON Schema in the subset OpenAI's strict structured outputs accept
// (see CheckStrict). SchemaFor builds one from a Go type.
type Schema struct {
	// Name identifies the schema to the server; it must match ^[a-zA-Z0-9_-]{1,64}$.
	Name string
	// JSON is the schema document itself.
	JSON json.RawMessage
}

// Usage counts tokens. The zero value is zero usage. Its JSON form uses the provider's
// snake_case names.
type Usage struct {
	// PromptTokens is the number of input tokens billed.
	PromptTokens int `json:"prompt_tokens"`
	// CompletionTokens is the number of output tokens billed.
	CompletionTokens int `json:"completion_tokens"`
	// CachedTokens is the part of PromptTokens served from the provider's prompt cache.
	CachedTokens int `json:"cached_tokens"`
	// TotalTokens is PromptTokens plus CompletionTokens, as reported by the server.
	TotalTokens int `json:"total_tokens"`
}

// Add returns the field-by-field sum of u and v.
func (u Usage) Add(v Usage) Usage {
	return Usage{
		PromptTokens:     u.PromptTokens + v.PromptTokens,
		CompletionTokens: u.CompletionTokens + v.CompletionTokens,
		CachedTokens:     u.CachedTokens + v.CachedTokens,
		TotalTokens:      u.TotalTokens + v.TotalTokens,
	}
}

// Response is the outcome of one successful chat-completion attempt.
type Response struct {
	// Content is the text of the first choice ("" when the model refused).
	Content string
	// Refusal is the model's refusal message for structured output, "" if none.
	Refusal string
	// FinishReason is why generation stopped: "stop", "length" (the output was cut at
	// the token limit), "content_filter", ...
	FinishReason string
	// Model is the model that answered, as the server reports it.
	Model string
	// RequestID is the server's request id (the x-request-id or apim-request-id
	// header), "" if the server sent none. Quote it to the provider's support.
	RequestID string
	// Usage is the token usage of this attempt.
	Usage Usage
}

// Completer is the one-method interface Generate needs; *Client implements it, and tests
// or products may supply their own (for example a cache in front of a Client).
type Completer interface {
	// Complete makes one chat-completion attempt.
	Complete(ctx context.Context, req Request) (Response, error)
}
