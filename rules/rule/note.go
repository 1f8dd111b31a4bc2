package rule

import (
	"fmt"
	"io/fs"
	"strings"
)

// Languages lists the languages every note is written in, English first.
var Languages = []string{"en", "zh"}

// A Note is a rule's documentation in one language, parsed from
// rules/<pkg>/note.<lang>.md. It is the single source of truth for the
// analyzer's Doc, the editor hover, `gopitfalls notes` and the README.
//
// The Markdown has a fixed shape:
//
//	# Title
//
//	Summary: what goes wrong, in a paragraph or two.
//
//	## Why                 (## 为什么)
//	## Runtime error       (## 运行时报错; optional, one fenced block)
//	## Kratos v2/v3        (the same; optional: the pitfall in Kratos v2 and v3)
//	## Bad                 (## 错误写法; one ```go block)
//	## Good                (## 正确写法; one ```go block)
//	## When it warns and when it only informs   (## 何时警告，何时只提示)
//	## When to ignore      (## 何时可以忽略)
type Note struct {
	Lang    string
	Title   string
	Summary string
	Why     string
	Runtime string // the text a user sees at run time and searches for; may be empty
	// KratosV2 is how the pitfall looks in Kratos v2 and v3, a different
	// framework from the v0.x the notes come from; may be empty.
	KratosV2 string
	Bad      string // Go code
	Good     string // Go code
	// Severity says when the rule warns and when it only informs: the
	// severity policy as it applies to the rule.
	Severity string
	Ignore   string
	Source   string // the whole Markdown file
}

// section names per language, keyed by the Note field they fill.
var sectionNames = map[string]map[string]string{
	"en": {"Why": "why", "Runtime error": "runtime", "Bad": "bad", "Good": "good", "When it warns and when it only informs": "severity", "When to ignore": "ignore", "Kratos v2/v3": "v2"},
	"zh": {"为什么": "why", "运行时报错": "runtime", "错误写法": "bad", "正确写法": "good", "何时警告，何时只提示": "severity", "何时可以忽略": "ignore", "Kratos v2/v3": "v2"},
}

// SectionTitle returns the heading of a note section ("why", "runtime",
// "bad", "good", "severity", "ignore") in lang.
func SectionTitle(lang, key string) string {
	for title, k := range sectionNames[lang] {
		if k == key {
			return title
		}
	}
	return key
}

// ParseNote parses a note written in lang.
func ParseNote(lang, src string) (*Note, error) {
	names, ok := sectionNames[lang]
	if !ok {
		return nil, fmt.Errorf("unknown note language %q", lang)
	}
	n := &Note{Lang: lang, Source: src}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "# ") {
		return nil, fmt.Errorf("line 1: a note starts with a '# Title' line")
	}
	n.Title = strings.TrimSpace(strings.TrimPrefix(lines[0], "# "))
	sections := map[string]string{}
	key, start := "summary", 1
	inFence := false
	flush := func(end int) {
		sections[key] = strings.TrimSpace(strings.Join(lines[start:end], "\n"))
	}
	for i := 1; i < len(lines); i++ {
		line := lines[i]
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(line, "## ") {
			continue
		}
		flush(i)
		heading := strings.TrimSpace(strings.TrimPrefix(line, "## "))
		k, ok := names[heading]
		if !ok {
			return nil, fmt.Errorf("line %d: unknown section %q", i+1, heading)
		}
		if _, dup := sections[k]; dup {
			return nil, fmt.Errorf("line %d: section %q appears twice", i+1, heading)
		}
		key, start = k, i+1
	}
	if inFence {
		return nil, fmt.Errorf("unterminated ``` block")
	}
	flush(len(lines))

	n.Summary = sections["summary"]
	n.Why = sections["why"]
	n.Ignore = sections["ignore"]
	n.Severity = sections["severity"]
	n.KratosV2 = sections["v2"]
	for _, k := range []string{"summary", "why", "bad", "good", "severity", "ignore"} {
		if sections[k] == "" {
			return nil, fmt.Errorf("missing or empty section %q", SectionTitle(lang, k))
		}
	}
	var err error
	if n.Bad, err = fencedCode(sections["bad"], "go"); err != nil {
		return nil, fmt.Errorf("section %q: %v", SectionTitle(lang, "bad"), err)
	}
	if n.Good, err = fencedCode(sections["good"], "go"); err != nil {
		return nil, fmt.Errorf("section %q: %v", SectionTitle(lang, "good"), err)
	}
	if rt, ok := sections["runtime"]; ok {
		if n.Runtime, err = fencedCode(rt, ""); err != nil {
			return nil, fmt.Errorf("section %q: %v", SectionTitle(lang, "runtime"), err)
		}
	}
	return n, nil
}

// fencedCode returns the contents of the single fenced code block in s,
// which must be tagged with lang when lang is not empty.
func fencedCode(s, lang string) (string, error) {
	var code []string
	blocks, in := 0, false
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "```") {
			if !in {
				blocks++
				if tag := strings.TrimSpace(strings.TrimPrefix(line, "```")); lang != "" && tag != lang {
					return "", fmt.Errorf("code block is tagged %q, want %q", tag, lang)
				}
			}
			in = !in
			continue
		}
		if in && blocks == 1 {
			code = append(code, line)
		}
	}
	if blocks != 1 {
		return "", fmt.Errorf("want exactly one fenced code block, found %d", blocks)
	}
	return strings.Join(code, "\n"), nil
}

// readNotes reads note.<lang>.md for every language from fsys.
func readNotes(fsys fs.FS) (map[string]*Note, error) {
	notes := make(map[string]*Note)
	for _, lang := range Languages {
		name := "note." + lang + ".md"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		n, err := ParseNote(lang, string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		notes[lang] = n
	}
	return notes, nil
}
