package rule

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Message is one format of a rule's diagnostic messages or fix titles,
// in English (what the analyzer reports, so that go vet and other drivers
// print it) and in Chinese (what gopitfalls shows a Chinese reader).
//
// En is a fmt format whose verbs are %s, %v, %q or %d; Zh uses the same
// arguments, in any order with explicit indexes (%[2]s). Localize matches
// a reported message against En and fills Zh with what the verbs matched.
type Message struct {
	En, Zh string
}

// compiled is a Message with En turned into a regular expression.
type compiled struct {
	re *regexp.Regexp
	zh string
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[svqd]`)

// compileMessages compiles a rule's catalog; it panics on a malformed
// entry (a programming error the registry test catches).
func compileMessages(id string, msgs []Message) []compiled {
	var out []compiled
	for _, m := range msgs {
		var pat strings.Builder
		pat.WriteString("^")
		last, n := 0, 0
		for _, loc := range verbRE.FindAllStringIndex(m.En, -1) {
			pat.WriteString(regexp.QuoteMeta(strings.ReplaceAll(m.En[last:loc[0]], "%%", "%")))
			if m.En[loc[1]-1] == 'd' {
				pat.WriteString(`(-?\d+)`)
			} else {
				pat.WriteString(`(.+?)`)
			}
			last = loc[1]
			n++
		}
		pat.WriteString(regexp.QuoteMeta(strings.ReplaceAll(m.En[last:], "%%", "%")))
		pat.WriteString("$")
		if strings.Contains(m.En, "%[") {
			panic(fmt.Sprintf("rule %s: message %q: the English format may not reorder arguments", id, m.En))
		}
		// Every Zh verb must refer to an argument of En.
		for _, v := range verbRE.FindAllString(m.Zh, -1) {
			if idx := strings.Trim(v[1:len(v)-1], "[]"); idx != "" {
				var i int
				if _, err := fmt.Sscanf(idx, "%d", &i); err != nil || i < 1 || i > n {
					panic(fmt.Sprintf("rule %s: message %q: %s refers to no argument", id, m.Zh, v))
				}
			}
		}
		if m.Zh == "" {
			panic(fmt.Sprintf("rule %s: message %q has no Chinese", id, m.En))
		}
		out = append(out, compiled{re: regexp.MustCompile(pat.String()), zh: m.Zh})
	}
	return out
}

// Localize returns a message or fix title of the rule in lang, and
// whether the catalog knew it. English, and messages the catalog does not
// know, come back unchanged. What a verb matched is itself localized
// when the catalog knows it, so that titles composed of parts
// ("Rewrite …: %s, %s") translate part by part.
func (r *Rule) Localize(msg, lang string) (string, bool) {
	if lang != "zh" {
		return msg, true
	}
	return r.localize(msg, 3)
}

func (r *Rule) localize(msg string, depth int) (string, bool) {
	if depth == 0 {
		return msg, false
	}
	for _, c := range r.messages {
		m := c.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, s := range m[1:] {
			if zh, ok := r.localize(s, depth-1); ok {
				s = zh
			}
			args[i] = s
		}
		// The arguments are the matched text: print every verb as %s.
		zh := verbRE.ReplaceAllStringFunc(c.zh, func(v string) string {
			return v[:len(v)-1] + "s"
		})
		return fmt.Sprintf(zh, args...), true
	}
	return msg, false
}

// Catalog returns the rule's message catalog.
func (r *Rule) Catalog() []Message { return r.spec.Messages }

// localized returns d with its message and fix titles in lang.
func (r *Rule) localized(d analysis.Diagnostic, said *Said, lang string) analysis.Diagnostic {
	d.Message = r.MessageIn(said, d.Message, lang)
	if len(d.SuggestedFixes) > 0 {
		fixes := slices.Clone(d.SuggestedFixes)
		for i := range fixes {
			fixes[i].Message = r.FixIn(said, i, fixes[i].Message, lang)
		}
		d.SuggestedFixes = fixes
	}
	return d
}

// MessageIn returns the message of a diagnostic of the rule, whose
// English is en and whose Said is said (nil when unknown), in lang.
func (r *Rule) MessageIn(said *Said, en, lang string) string {
	if said != nil && !said.Message.IsZero() {
		return said.MessageIn(lang, en)
	}
	msg, _ := r.Localize(en, lang)
	return msg
}

// FixIn returns the title of the i'th fix of a diagnostic of the rule,
// whose English is en, in lang.
func (r *Rule) FixIn(said *Said, i int, en, lang string) string {
	if said != nil && i < len(said.Fixes) && !said.Fixes[i].IsZero() {
		return said.FixIn(lang, i, en)
	}
	msg, _ := r.Localize(en, lang)
	return msg
}
