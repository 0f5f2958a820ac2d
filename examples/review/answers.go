package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Answers is an -answers file: a JSON object keyed by weak bullet, as the review quotes it
// (Analysis.Line), whose values list the questions asked about that bullet with the
// person's answers:
//
//	{
//	  "Used Python to write scripts for data cleanup.": [
//	    {"question": "How many records did the scripts clean?", "answer": "12,000 a night"}
//	  ]
//	}
//
// The -json output's answers_template is this file with every question and empty answers.
// Bullets keep the resume's order in both.
type Answers struct {
	entries []answerEntry
}

type answerEntry struct {
	bullet string
	qa     []Answer
}

// Answer is one question and the person's answer; an empty answer is skipped, and an
// empty question is allowed for a fact nobody asked for.
type Answer struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Limits on an answers file, so a mistake (the wrong file) is an error, not a prompt the
// size of a book.
const (
	maxAnswersBytes = 256 << 10
	maxAnswerChars  = 500
)

// MarshalJSON writes the object with the bullets in order.
func (a Answers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range a.entries {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(e.bullet)
		if err != nil {
			return nil, err
		}
		qa := e.qa
		if qa == nil {
			qa = []Answer{}
		}
		val, err := json.Marshal(qa)
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// facts returns the answered questions of a bullet as facts for the rewriter: the
// question and its answer together, so the model reads the answer in context.
func (a Answers) facts(bullet string) []string {
	out := []string{}
	for _, e := range a.entries {
		if e.bullet != bullet {
			continue
		}
		for _, qa := range e.qa {
			answer := strings.TrimSpace(qa.Answer)
			if answer == "" {
				continue
			}
			if q := strings.TrimSpace(qa.Question); q != "" {
				answer = q + " " + answer
			}
			out = append(out, answer)
		}
	}
	return out
}

// answersTemplate is the ready-to-fill answers file: each weak bullet with the questions
// its rewrite asks, keeping the answers given so far, and any answered question the
// rewrite no longer asks (an answer is never dropped).
func answersTemplate(list []BulletReview, given Answers) Answers {
	var out Answers
	seen := map[string]bool{}
	for _, b := range list {
		if seen[b.Analysis.Line] {
			continue // a bullet written twice is one key; its answers serve both
		}
		seen[b.Analysis.Line] = true
		e := answerEntry{bullet: b.Analysis.Line, qa: []Answer{}}
		answered := map[string]string{}
		var extra []Answer
		for _, g := range given.entries {
			if g.bullet != e.bullet {
				continue
			}
			for _, qa := range g.qa {
				answered[qa.Question] = qa.Answer
				extra = append(extra, qa)
			}
		}
		asked := map[string]bool{}
		if b.Rewrite != nil {
			for _, q := range b.Rewrite.Questions {
				asked[q] = true
				e.qa = append(e.qa, Answer{Question: q, Answer: answered[q]})
			}
		}
		for _, qa := range extra {
			if !asked[qa.Question] && strings.TrimSpace(qa.Answer) != "" {
				e.qa = append(e.qa, qa)
			}
		}
		out.entries = append(out.entries, e)
	}
	return out
}

// readAnswers reads and checks an answers file against the weak bullets found: every key
// must be one of them, each once.
func readAnswers(path string, weak []BulletReview) (Answers, error) {
	f, err := os.Open(path)
	if err != nil {
		return Answers{}, fmt.Errorf("-answers: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAnswersBytes+1))
	if err != nil {
		return Answers{}, fmt.Errorf("-answers: read %s: %w", path, err)
	}
	if len(data) > maxAnswersBytes {
		return Answers{}, fmt.Errorf("-answers: %s is larger than %d KiB; it should hold short answers only", path, maxAnswersBytes>>10)
	}
	a, err := parseAnswers(data, weak)
	if err != nil {
		return Answers{}, fmt.Errorf("-answers: %s: %w", path, err)
	}
	return a, nil
}

var errNotObject = errors.New(`want a JSON object keyed by bullet, like answers_template in the -json output: {"bullet": [{"question": "...", "answer": "..."}]}`)

// UnmarshalJSON reads an answers file's shape: see Answers.
func (a *Answers) UnmarshalJSON(data []byte) error {
	d, err := decodeAnswers(data)
	if err != nil {
		return err
	}
	*a = d
	return nil
}

// parseAnswers decodes an answers file and checks each key is one of the weak bullets.
func parseAnswers(data []byte, weak []BulletReview) (Answers, error) {
	a, err := decodeAnswers(data)
	if err != nil {
		return Answers{}, err
	}
	known := map[string]bool{}
	for _, b := range weak {
		known[b.Analysis.Line] = true
	}
	for _, e := range a.entries {
		if !known[e.bullet] {
			return Answers{}, fmt.Errorf("bullet %s is not a weak bullet of this resume; keys must match the bullets in answers_template of the -json output exactly", quote(e.bullet))
		}
	}
	return a, nil
}

func decodeAnswers(data []byte) (Answers, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	tok, err := dec.Token()
	if err != nil {
		return Answers{}, jsonError(data, dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return Answers{}, errNotObject
	}
	var a Answers
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Answers{}, jsonError(data, dec, err)
		}
		bullet := tok.(string) // inside an object, the decoder only yields string keys
		var qa []Answer
		if err := dec.Decode(&qa); err != nil {
			return Answers{}, fmt.Errorf("bullet %s: want a list of {\"question\", \"answer\"} objects: %w", quote(bullet), jsonError(data, dec, err))
		}
		if seen[bullet] {
			return Answers{}, fmt.Errorf("bullet %s is listed twice; merge its answers into one list", quote(bullet))
		}
		seen[bullet] = true
		for i, x := range qa {
			if n := utf8.RuneCountInString(x.Answer); n > maxAnswerChars {
				return Answers{}, fmt.Errorf("bullet %s, answer %d: %d characters, over the limit of %d; answer with the figure and a few words", quote(bullet), i+1, n, maxAnswerChars)
			}
			if strings.ContainsAny(x.Answer, "\n\r") {
				return Answers{}, fmt.Errorf("bullet %s, answer %d: answers are one line each", quote(bullet), i+1)
			}
		}
		a.entries = append(a.entries, answerEntry{bullet: bullet, qa: qa})
	}
	if _, err := dec.Token(); err != nil {
		return Answers{}, jsonError(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Answers{}, errors.New("text after the JSON object")
	}
	return a, nil
}

// jsonError adds the line and column where decoding stopped.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the JSON ends early")
	}
	off := int(dec.InputOffset())
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		off = int(syn.Offset)
	}
	off = min(off, len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Errorf("line %d, column %d: %w", line, col, err)
}

// quote quotes a bullet for an error message, shortened to its first 60 characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:57]) + "..."
	}
	return fmt.Sprintf("%q", s)
}
