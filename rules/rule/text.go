package rule

import (
	"fmt"
	"regexp"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// A Msg is one format of a rule's diagnostic messages or fix titles, in
// English and in Chinese, defined once, next to the code that reports it:
//
//	var msgDropped = rule.M("error returned by %s is not checked", "%s 返回的 err 没有处理")
//
// En is a fmt format; Zh uses the same arguments, in any order, with
// explicit indexes where it reorders them (%[2]s). The verb of each
// argument is the same in both. M panics on a malformed pair: that is a
// programming error, and it happens when the rule's package is loaded.
type Msg struct {
	en, zh string
}

// verbs matches the fmt verbs a message may use.
var verbs = regexp.MustCompile(`%(\[(\d+)\])?([svqdx])`)

// M defines a message.
func M(en, zh string) *Msg {
	if zh == "" {
		panic(fmt.Sprintf("message %q has no Chinese", en))
	}
	enVerbs := verbs.FindAllStringSubmatch(en, -1)
	for _, v := range enVerbs {
		if v[1] != "" {
			panic(fmt.Sprintf("message %q: the English may not reorder arguments", en))
		}
	}
	next := 0
	for _, v := range verbs.FindAllStringSubmatch(zh, -1) {
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

// Say returns t in English, to be the Message of a diagnostic or of a
// suggested fix that pass reports, and records t so that the diagnostic
// can be shown in the reader's language. Every message and fix title of
// a rule goes through Say (the rule tests check it).
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

// A Said is a reported diagnostic's message and the titles of its fixes,
// as the rule said them: each can be shown in either language.
type Said struct {
	Message Text
	Fixes   []Text // by index of Diagnostic.SuggestedFixes; zero where unknown
}

// said returns what the rule said for d, from the Texts recorded by Say.
func (st *passState) saidFor(d analysis.Diagnostic) Said {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := Said{Message: st.said[d.Message]}
	if len(d.SuggestedFixes) > 0 {
		s.Fixes = make([]Text, len(d.SuggestedFixes))
		for i, f := range d.SuggestedFixes {
			s.Fixes[i] = st.said[f.Message]
		}
	}
	return s
}

// In returns s's message in lang, or en (the diagnostic's own message)
// where s does not know it.
func (s *Said) in(lang, en string, t Text) string {
	if t.IsZero() || lang != "zh" {
		return en
	}
	return t.In(lang)
}

// MessageIn returns the message of a diagnostic whose English is en in
// lang.
func (s *Said) MessageIn(lang, en string) string {
	if s == nil {
		return en
	}
	return s.in(lang, en, s.Message)
}

// FixIn returns the title of the diagnostic's i'th fix, whose English is
// en, in lang.
func (s *Said) FixIn(lang string, i int, en string) string {
	if s == nil || i < 0 || i >= len(s.Fixes) {
		return en
	}
	return s.in(lang, en, s.Fixes[i])
}

// Known reports whether the rule said the diagnostic's message and every
// fix title through Say: whether each can be shown in Chinese.
func (s *Said) Known() bool {
	if s == nil || s.Message.IsZero() {
		return false
	}
	for _, f := range s.Fixes {
		if f.IsZero() {
			return false
		}
	}
	return true
}
