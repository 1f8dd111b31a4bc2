package rule

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// A Msg is one format of a rule's diagnostic messages, fix titles or
// related messages, in English and in Chinese, defined once in the rule's
// messages.go and said where the rule reports it:
//
//	var msgDropped = rule.M("error returned by %s is not checked", "%s 返回的 err 没有处理")
//
//	pass.Report(analysis.Diagnostic{…, Message: rule.Say(pass, msgDropped.With(name))})
//
// En is a fmt format; Zh uses the same arguments, in any order, with
// explicit indexes where it reorders them (%[2]s). The verb of each
// argument is the same in both. M panics on a malformed pair: that is a
// programming error, and it happens when the rule's package is loaded.
type Msg struct {
	en, zh string
}

// verb matches a fmt verb (or %%) with its optional argument index.
var verb = regexp.MustCompile(`%(\[(\d+)\])?(.)`)

// verbsOf returns the verbs of format as [whole, index, letter], and
// panics on a verb a message may not use: %s, %v, %q, %d and %x, with no
// flags or width, and %% are all a message needs.
func verbsOf(format, en string) [][]string {
	var out [][]string
	for _, v := range verb.FindAllStringSubmatch(format, -1) {
		switch v[3] {
		case "%":
			if v[1] != "" {
				panic(fmt.Sprintf("message %q: %s is not a verb", en, v[0]))
			}
			continue
		case "s", "v", "q", "d", "x":
			out = append(out, v)
		default:
			panic(fmt.Sprintf("message %q: %s is not one of the verbs %%s %%v %%q %%d %%x", en, v[0]))
		}
	}
	return out
}

// M defines a message. Every argument of the English appears in the
// Chinese: a translation says as much as the original.
func M(en, zh string) *Msg {
	if zh == "" {
		panic(fmt.Sprintf("message %q has no Chinese", en))
	}
	enVerbs := verbsOf(en, en)
	for _, v := range enVerbs {
		if v[1] != "" {
			panic(fmt.Sprintf("message %q: the English may not reorder arguments", en))
		}
	}
	used := make([]bool, len(enVerbs))
	next := 0
	for _, v := range verbsOf(zh, en) {
		i := next
		if v[2] != "" {
			n, _ := strconv.Atoi(v[2])
			i = n - 1
		}
		next = i + 1
		if i < 0 || i >= len(enVerbs) {
			panic(fmt.Sprintf("message %q: %s refers to no argument of %q", zh, v[0], en))
		}
		if v[3] != enVerbs[i][3] {
			panic(fmt.Sprintf("message %q: %s formats argument %d of %q, which the English formats with %%%s", zh, v[0], i+1, en, enVerbs[i][3]))
		}
		used[i] = true
	}
	for i, u := range used {
		if !u {
			panic(fmt.Sprintf("message %q: argument %d of %q is missing", zh, i+1, en))
		}
	}
	return &Msg{en: en, zh: zh}
}

// With returns the message with its arguments. An argument that is itself
// a Text is shown in the language of the whole, so titles composed of
// parts ("Rewrite …: %s, %s") translate part by part.
func (m *Msg) With(args ...any) Text { return Text{msg: m, args: args} }

// Report reports a diagnostic with the message at rng, at the rule's
// severity.
func (m *Msg) Report(pass *analysis.Pass, rng analysis.Range, args ...any) {
	pass.Report(analysis.Diagnostic{Pos: rng.Pos(), End: rng.End(), Message: Say(pass, m.With(args...))})
}

// A Text is a message with its arguments: what a rule reports.
type Text struct {
	msg  *Msg
	args []any
}

// IsZero reports whether t holds no message.
func (t Text) IsZero() bool { return t.msg == nil }

// String returns the text in English.
func (t Text) String() string { return t.In("en") }

// In returns the text in lang ("en" or "zh"; any other is English).
func (t Text) In(lang string) string {
	if t.msg == nil {
		return ""
	}
	format := t.msg.en
	if lang == "zh" {
		format = t.msg.zh
	}
	args := make([]any, len(t.args))
	for i, a := range t.args {
		if sub, ok := a.(Text); ok {
			a = sub.In(lang)
		}
		args[i] = a
	}
	return fmt.Sprintf(format, args...)
}

// Say returns t in English, to be the Message of a diagnostic, of a
// suggested fix or of related information that pass reports, and records
// t so that it can be shown in the reader's language. Every message, fix
// title and related message of a rule goes through Say (the rule tests
// check it).
func Say(pass *analysis.Pass, t Text) string {
	en := t.String()
	if v, ok := running.Load(pass); ok {
		st := v.(*passState)
		st.mu.Lock()
		if st.said == nil {
			st.said = make(map[string]Text)
		}
		st.said[en] = t
		st.mu.Unlock()
	}
	return en
}

// A Said is what a rule said in one diagnostic, through Say: its
// message, the titles of its fixes and the messages of its related
// information, each by its English, so that a driver that drops a fix or
// a related location it cannot show still finds the rest.
type Said struct {
	texts map[string]Text
}

// saidFor returns what the rule said in d, from the Texts recorded by Say.
func (st *passState) saidFor(d analysis.Diagnostic) Said {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := Said{texts: make(map[string]Text)}
	for _, en := range parts(d) {
		if t, ok := st.said[en]; ok {
			s.texts[en] = t
		}
	}
	return s
}

// parts returns the English of d's message, fix titles and related
// messages.
func parts(d analysis.Diagnostic) []string {
	out := []string{d.Message}
	for _, f := range d.SuggestedFixes {
		out = append(out, f.Message)
	}
	for _, r := range d.Related {
		out = append(out, r.Message)
	}
	return out
}

// In returns the part of the diagnostic whose English is en (its
// message, a fix title or a related message) in lang ("en" or "zh"): en
// itself in English, or where the rule did not say it through Say.
func (s *Said) In(lang, en string) string {
	if s == nil || lang != "zh" {
		return en
	}
	t, ok := s.texts[en]
	if !ok {
		return en
	}
	return t.In(lang)
}

// Knows reports whether the rule said the part of the diagnostic whose
// English is en through Say: whether it can be shown in Chinese.
func (s *Said) Knows(en string) bool {
	return s != nil && !s.texts[en].IsZero()
}

// localized returns d with its message, fix titles and related messages
// in lang, as said says them.
func localized(d analysis.Diagnostic, said *Said, lang string) analysis.Diagnostic {
	d.Message = said.In(lang, d.Message)
	if len(d.SuggestedFixes) > 0 {
		fixes := slices.Clone(d.SuggestedFixes)
		for i := range fixes {
			fixes[i].Message = said.In(lang, fixes[i].Message)
		}
		d.SuggestedFixes = fixes
	}
	if len(d.Related) > 0 {
		related := slices.Clone(d.Related)
		for i := range related {
			related[i].Message = said.In(lang, related[i].Message)
		}
		d.Related = related
	}
	return d
}
