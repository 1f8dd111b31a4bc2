// Package topics holds the notes that explain a topic of the team's
// newcomer notes without a rule behind them: why asynchronous message
// queues, and what interfaces are for. The language server shows them in
// hovers (on databus Send calls and on interface declarations) and
// `gopitfalls notes` lists them with the rules' notes.
//
// Each topic is Markdown in English and Chinese, <id>.<lang>.md, whose
// first line is `# Title`.
package topics

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/rule"
)

//go:embed *.md
var files embed.FS

// The topic IDs.
const (
	AsyncQueue = "async-queue" // why asynchronous message queues (databus Send)
	Interfaces = "interfaces"  // interfaces and duck typing (interface declarations)
)

// A Topic is a note without a rule.
type Topic struct {
	ID       string
	Title    map[string]string // by language
	Markdown map[string]string // the whole note, by language
}

// Text returns the topic's Markdown in lang, falling back to English.
func (t *Topic) Text(lang string) string {
	if md, ok := t.Markdown[lang]; ok {
		return md
	}
	return t.Markdown["en"]
}

// TitleIn returns the topic's title in lang, falling back to English.
func (t *Topic) TitleIn(lang string) string {
	if title, ok := t.Title[lang]; ok {
		return title
	}
	return t.Title["en"]
}

// All lists the topics, sorted by ID.
var All = mustLoad(files)

// Lookup returns the topic with the given ID, or nil.
func Lookup(id string) *Topic {
	for _, t := range All {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func mustLoad(fsys fs.FS) []*Topic {
	topics, err := Load(fsys)
	if err != nil {
		panic(err) // a malformed embedded note: caught by the package's test
	}
	return topics
}

// Load reads the topics in fsys: every <id>.<lang>.md file, in each of
// rule.Languages.
func Load(fsys fs.FS) ([]*Topic, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*Topic)
	for _, name := range names {
		base := strings.TrimSuffix(name, ".md")
		dot := strings.LastIndex(base, ".")
		if dot < 0 {
			return nil, fmt.Errorf("%s: want <id>.<lang>.md", name)
		}
		id, lang := base[:dot], base[dot+1:]
		if !slices.Contains(rule.Languages, lang) {
			return nil, fmt.Errorf("%s: unknown language %q", name, lang)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		title, err := Parse(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		t := byID[id]
		if t == nil {
			t = &Topic{ID: id, Title: make(map[string]string), Markdown: make(map[string]string)}
			byID[id] = t
		}
		t.Title[lang] = title
		t.Markdown[lang] = string(data)
	}
	var all []*Topic
	for _, t := range byID {
		for _, lang := range rule.Languages {
			if _, ok := t.Markdown[lang]; !ok {
				return nil, fmt.Errorf("topic %s has no %s note", t.ID, lang)
			}
		}
		all = append(all, t)
	}
	slices.SortFunc(all, func(a, b *Topic) int { return strings.Compare(a.ID, b.ID) })
	return all, nil
}

// Parse checks the shape of a topic's Markdown and returns its title: a
// first line `# Title`, text after it, second-level sections only, and
// closed fences.
func Parse(md string) (string, error) {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "# ") || strings.TrimSpace(lines[0][2:]) == "" {
		return "", fmt.Errorf("line 1: a topic starts with a '# Title' line")
	}
	inFence, text := false, false
	for i, line := range lines[1:] {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue // a fence line
		}
		if inFence {
			continue // code: no headings in it
		}
		if strings.HasPrefix(line, "# ") {
			return "", fmt.Errorf("line %d: a second title", i+2)
		}
		if strings.HasPrefix(line, "###") {
			return "", fmt.Errorf("line %d: only '## ' sections", i+2)
		}
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "## ") {
			text = true
		}
	}
	if inFence {
		return "", fmt.Errorf("unterminated ``` block")
	}
	if !text {
		return "", fmt.Errorf("no text")
	}
	return strings.TrimSpace(lines[0][2:]), nil
}

// Summary returns the first paragraph of the topic's note in lang.
func (t *Topic) Summary(lang string) string {
	md := t.Text(lang)
	var para []string
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			if len(para) > 0 {
				return strings.Join(para, " ")
			}
			continue // the title, or a section heading before any text
		case strings.TrimSpace(line) == "":
			if len(para) > 0 {
				return strings.Join(para, " ")
			}
			continue
		}
		para = append(para, strings.TrimSpace(line))
	}
	return strings.Join(para, " ")
}

// URL returns the address of the topic's note in lang.
func (t *Topic) URL(lang string) string {
	if _, ok := t.Markdown[lang]; !ok {
		lang = "en"
	}
	return "https://github.com/gopitfalls/gopitfalls/blob/main/rules/topics/" + t.ID + "." + lang + ".md"
}
