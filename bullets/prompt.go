package bullets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/resumekit/resumekit/llm"
)

// DefaultPrompt is the prompt version New uses unless WithPrompt names another.
const DefaultPrompt = "rewrite-v2"

// promptFiles holds the prompt templates: VERSION.system.tmpl holds the instructions,
// VERSION.user.tmpl the delimited data. A released version is never edited; a change
// is a new version (a test pins each released version's hash).
//
//go:embed prompts/*.tmpl
var promptFiles embed.FS

// prompt is one compiled prompt version.
type prompt struct {
	version      string
	hash         string // "sha256:" and 16 hex digits of the template files
	system, user *template.Template
	// systemText is the system message, rendered once: it holds instructions only,
	// nothing of the bullet.
	systemText string
	// userPlan is the user template as text and {{json .Field}} pieces, rendered
	// without the reflection of template.Execute; nil when the template holds anything
	// else, and Execute renders it.
	userPlan []piece
}

// piece is literal text, or with field set, the JSON of that promptData field.
type piece struct {
	text  string
	field func(*promptData) any
}

// dataFields reads promptData's fields by name, for plans (a test holds the map to the
// struct's fields).
var dataFields = map[string]func(*promptData) any{
	"Bullet":            func(d *promptData) any { return d.Bullet },
	"JobKeywords":       func(d *promptData) any { return d.JobKeywords },
	"Facts":             func(d *promptData) any { return d.Facts },
	"Weaknesses":        func(d *promptData) any { return d.Weaknesses },
	"MaxWords":          func(d *promptData) any { return d.MaxWords },
	"EvidencedKeywords": func(d *promptData) any { return d.EvidencedKeywords },
}

// planOf reduces a template made only of text and {{json .Field}} actions to pieces, or
// returns nil.
func planOf(t *template.Template) []piece {
	var out []piece
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, piece{text: string(n.Text)})
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 2 {
				return nil
			}
			fn, ok := n.Pipe.Cmds[0].Args[0].(*parse.IdentifierNode)
			arg, ok2 := n.Pipe.Cmds[0].Args[1].(*parse.FieldNode)
			if !ok || !ok2 || fn.Ident != jsonFunc || len(arg.Ident) != 1 || dataFields[arg.Ident[0]] == nil {
				return nil
			}
			out = append(out, piece{field: dataFields[arg.Ident[0]]})
		default:
			return nil
		}
	}
	return out
}

// execute renders the user template for d, by its plan when it has one.
func (p *prompt) execute(b *strings.Builder, d *promptData) error {
	if p.userPlan == nil {
		return p.user.Execute(b, d)
	}
	for _, pc := range p.userPlan {
		if pc.field == nil {
			b.WriteString(pc.text)
			continue
		}
		s, err := jsonText(pc.field(d))
		if err != nil {
			return err
		}
		b.WriteString(s)
	}
	return nil
}

// promptData is what a prompt template may use; an unknown field is an error.
type promptData struct {
	Bullet      string
	JobKeywords []string
	Facts       []string
	Weaknesses  []Code
	MaxWords    int
	// EvidencedKeywords are the job keywords the bullet or the facts already show
	// (by canonical term or as written): the only ones a rewrite may use.
	EvidencedKeywords []string
}

var prompts = sync.OnceValue(func() map[string]*prompt {
	ps, err := loadPrompts()
	if err != nil {
		// The embedded files are checked by the package's tests; reaching this is a build defect.
		panic("bullets: embedded prompts are invalid: " + err.Error())
	}
	return ps
})

func loadPrompts() (map[string]*prompt, error) {
	entries, err := promptFiles.ReadDir("prompts")
	if err != nil {
		return nil, fmt.Errorf("bullets: read prompts: %w", err)
	}
	out := map[string]*prompt{}
	funcs := template.FuncMap{jsonFunc: jsonText}
	for _, e := range entries {
		version, ok := strings.CutSuffix(e.Name(), ".system.tmpl")
		if !ok {
			continue
		}
		sys, err := promptFiles.ReadFile("prompts/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("bullets: read prompt %s: %w", version, err)
		}
		usr, err := promptFiles.ReadFile("prompts/" + version + ".user.tmpl")
		if err != nil {
			return nil, fmt.Errorf("bullets: read prompt %s: %w", version, err)
		}
		p := &prompt{version: version}
		sum := sha256.Sum256([]byte(version + "\x00" + string(sys) + "\x00" + string(usr)))
		p.hash = "sha256:" + hex.EncodeToString(sum[:8])
		if p.system, err = template.New(version + ".system").Option("missingkey=error").Funcs(funcs).Parse(string(sys)); err != nil {
			return nil, fmt.Errorf("bullets: parse prompt %s: %w", version, err)
		}
		if p.user, err = template.New(version + ".user").Option("missingkey=error").Funcs(funcs).Parse(string(usr)); err != nil {
			return nil, fmt.Errorf("bullets: parse prompt %s: %w", version, err)
		}
		p.userPlan = planOf(p.user)
		var text strings.Builder
		if err := p.system.Execute(&text, promptData{MaxWords: MaxWords}); err != nil {
			return nil, fmt.Errorf("bullets: render prompt %s: %w", version, err)
		}
		p.systemText = strings.TrimSpace(text.String())
		out[version] = p
	}
	if out[DefaultPrompt] == nil {
		return nil, fmt.Errorf("bullets: default prompt %s is missing", DefaultPrompt)
	}
	return out, nil
}

// jsonFunc is the name templates call jsonText by.
const jsonFunc = "json"

// jsonText renders v as JSON for a template. HTML escaping stays on, so "<" and ">"
// in resume text become \u003c and \u003e and cannot close the <data> delimiter; nil
// slices render as [].
func jsonText(v any) (string, error) {
	switch x := v.(type) {
	case []string:
		if x == nil {
			v = []string{}
		}
	case []Code:
		if x == nil {
			v = []Code{}
		}
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// PromptVersions returns the prompt versions this package embeds, sorted, such as
// ["rewrite-v1", "rewrite-v2"].
func PromptVersions() []string {
	ps := prompts()
	out := make([]string, 0, len(ps))
	for v := range ps {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// render builds the messages of one rewrite request for the evidence's bullet: the
// instructions in the system message, the bullet and its context as delimited JSON
// data in the user message.
func (p *prompt) render(ev *evidence, req Request, weaknesses []Code) ([]llm.Message, error) {
	d := promptData{
		Bullet:            ev.bullet.body,
		JobKeywords:       cleanList(req.JobKeywords),
		Facts:             cleanList(req.Facts),
		Weaknesses:        weaknesses,
		MaxWords:          MaxWords,
		EvidencedKeywords: ev.evidencedKeywords(),
	}
	var usr strings.Builder
	if err := p.execute(&usr, &d); err != nil {
		return nil, fmt.Errorf("bullets: render prompt %s: %w", p.version, err)
	}
	return []llm.Message{
		{Role: llm.RoleSystem, Content: p.systemText},
		{Role: llm.RoleUser, Content: strings.TrimSpace(usr.String())},
	}, nil
}

// evidencedKeywords returns the job keywords the bullet or the facts show: a
// technology they mention under that canonical term, or the keyword written in them.
func (ev *evidence) evidencedKeywords() []string {
	var out []string
	for _, k := range cleanList(ev.jobKeywords) {
		if containsFold(ev.have, k) || containsName(ev.allowed, k) {
			out = append(out, k)
		}
	}
	return out
}

// cleanList trims every item and drops empty ones.
func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// modelReply is what the model must answer; its JSON Schema (strict mode) is sent as
// the response format.
type modelReply struct {
	Rewritten string   `json:"rewritten" jsonschema:"description=The rewrite, one line"`
	Questions []string `json:"questions" jsonschema:"description=One question per placeholder, for the missing fact"`
}
