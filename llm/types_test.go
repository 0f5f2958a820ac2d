package llm_test

// summary is a minimal structured-output type used across the tests.
type summary struct {
	Summary string `json:"summary" jsonschema:"description=one sentence"`
}
