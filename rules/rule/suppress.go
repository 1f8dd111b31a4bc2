package rule

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A suppressor answers whether a diagnostic is silenced by a comment on
// its line or the line above:
//
//	//gopitfalls:ignore <rule>[,<rule>…] <reason>
//	//nolint:gopitfalls          (also a bare //nolint or //nolint:all)
//	//nolint:errcheck            (a linter the rule names in Spec.Nolint)
//
// Diagnostics in generated files (IsGenerated) are dropped too: their
// readers cannot act on them. The directives of a file are read the first
// time a diagnostic in it is reported.
type suppressor struct {
	pass      *analysis.Pass
	files     map[*token.File]map[int][]Directive // by line
	generated map[*token.File]bool
}

// A Directive is one suppression comment; Rules and Linters are nil for
// all rules.
type Directive struct {
	Rules []string
	// Linters are the golangci-lint linters a //nolint:a,b comment names:
	// it silences the rules that name one of them in Spec.Nolint.
	Linters []string
	// trailing is set for a directive that follows code on its line: it
	// silences that line only, not the next.
	trailing bool
}

func newSuppressor(pass *analysis.Pass) *suppressor {
	return &suppressor{
		pass:      pass,
		files:     make(map[*token.File]map[int][]Directive),
		generated: make(map[*token.File]bool),
	}
}

// suppressed reports whether a diagnostic of rule id (whose Spec.Nolint
// is nolint) at pos is silenced.
func (s *suppressor) suppressed(id string, nolint []string, pos token.Pos) bool {
	tf := s.pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	lines, ok := s.files[tf]
	if !ok {
		lines = s.read(tf)
		s.files[tf] = lines
	}
	if s.generated[tf] {
		return true
	}
	line := tf.Line(pos)
	for _, d := range lines[line] {
		if d.matches(id, nolint) {
			return true
		}
	}
	for _, d := range lines[line-1] {
		if !d.trailing && d.matches(id, nolint) {
			return true
		}
	}
	return false
}

// read collects the directives of the syntax file for tf.
func (s *suppressor) read(tf *token.File) map[int][]Directive {
	lines := make(map[int][]Directive)
	var file *ast.File
	for _, f := range s.pass.Files {
		if s.pass.Fset.File(f.FileStart) == tf {
			file = f
			break
		}
	}
	if file == nil {
		return lines
	}
	s.generated[tf] = IsGenerated(s.pass.Fset, file)
	slash := make(map[int]token.Pos) // line → first directive on it
	for _, group := range file.Comments {
		for _, c := range group.List {
			if d, ok := ParseDirective(c.Text); ok {
				line := tf.Line(c.Slash)
				lines[line] = append(lines[line], d)
				if _, ok := slash[line]; !ok {
					slash[line] = c.Slash
				}
			}
		}
	}
	if len(lines) == 0 {
		return lines
	}
	// Mark directives that follow code on their line.
	trailing := make(map[int]bool)
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if _, ok := n.(*ast.CommentGroup); ok {
			return false
		}
		if end := n.End(); end.IsValid() {
			if pos, ok := slash[tf.Line(end)]; ok && end <= pos {
				trailing[tf.Line(end)] = true
			}
		}
		return true
	})
	for line := range trailing {
		for i := range lines[line] {
			lines[line][i].trailing = true
		}
	}
	return lines
}

func (d Directive) matches(id string, nolint []string) bool {
	if d.Linters != nil {
		for _, l := range d.Linters {
			if slices.Contains(nolint, l) {
				return true
			}
		}
		return false
	}
	if d.Rules == nil {
		return true
	}
	for _, r := range d.Rules {
		if r == id || r == Name(id) {
			return true
		}
	}
	return false
}

// ParseDirective parses a comment's text ("//…") as a suppression
// directive.
func ParseDirective(text string) (Directive, bool) {
	if rest, ok := strings.CutPrefix(text, "//gopitfalls:ignore"); ok {
		fields := strings.Fields(rest)
		if len(fields) == 0 || rest[0] != ' ' && rest[0] != '\t' {
			return Directive{}, false
		}
		return Directive{Rules: strings.Split(fields[0], ",")}, true
	}
	if rest, ok := strings.CutPrefix(text, "//nolint"); ok {
		// //nolint, //nolint // why, //nolint:a,b // why
		if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
			return Directive{}, true
		}
		if rest[0] != ':' {
			return Directive{}, false // e.g. //nolintfoo
		}
		list, _, _ := strings.Cut(rest[1:], " ")
		names := strings.Split(list, ",")
		for _, name := range names {
			if name == "gopitfalls" || name == "all" {
				return Directive{}, true
			}
		}
		return Directive{Linters: names}, true
	}
	return Directive{}, false
}

// IgnoreComment returns the comment that silences rule id on a line, as
// the "ignore on this line" code action inserts it.
func IgnoreComment(id, reason string) string {
	if reason == "" {
		reason = "reason"
	}
	return "//gopitfalls:ignore " + id + " " + reason
}
