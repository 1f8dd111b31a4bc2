// Package features computes what the editor shows — diagnostics, hovers
// and code actions — from an analysed package and a request's
// parameters. Its functions are pure: they never see the connection, the
// session or other packages.
package features

import (
	"go/token"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// Source is the source of every diagnostic the server publishes.
const Source = "gopitfalls"

// An Env is what the features need to know about the client.
type Env struct {
	// Lang is the language of notes and messages: "en" or "zh".
	Lang string
	// URI returns the URI of a file: the one the client opened it by, if
	// it did.
	URI func(path string) protocol.DocumentURI
	// DocumentChanges says the client takes versioned document edits.
	DocumentChanges bool
	// Version returns the version of an open document that the package
	// was analysed from (nil: edits carry no version).
	Version func(path string) (int32, bool)
	// Topics finds the notes that have no rule (rules/topics); nil until
	// they exist. Knowledge hovers link to them.
	Topics TopicLookup
}

func (e *Env) uri(path string) protocol.DocumentURI {
	if e.URI != nil {
		return e.URI(path)
	}
	return protocol.URIFromPath(path)
}

// message returns the finding's message in the client's language, as its
// rule said it (rule.Say).
func (e *Env) message(f *driver.Finding) string {
	return f.Message(e.Lang)
}

// span returns the file and byte offsets of [pos, end) in pkg.
func span(pkg *cache.Package, pos, end token.Pos) (*cache.File, int, int, bool) {
	if !end.IsValid() || end < pos {
		end = pos
	}
	tf := pkg.Fset.File(pos)
	if tf == nil {
		return nil, 0, 0, false
	}
	f := pkg.File(tf.Name())
	if f == nil {
		return nil, 0, 0, false
	}
	start, ok1 := f.Offset(pos)
	stop, ok2 := f.Offset(end)
	if !ok1 || !ok2 {
		return nil, 0, 0, false
	}
	return f, start, stop, true
}

// rangeOf returns the LSP range of [pos, end) and its file.
func rangeOf(pkg *cache.Package, pos, end token.Pos) (*cache.File, protocol.Range, bool) {
	f, start, stop, ok := span(pkg, pos, end)
	if !ok {
		return nil, protocol.Range{}, false
	}
	r, err := f.Mapper().Range(start, stop)
	if err != nil {
		return nil, protocol.Range{}, false
	}
	return f, r, true
}

// severity maps a rule severity to the LSP's.
func severity(s rule.Severity) protocol.DiagnosticSeverity {
	switch s {
	case rule.Error:
		return protocol.SeverityError
	case rule.Warning:
		return protocol.SeverityWarning
	case rule.Information:
		return protocol.SeverityInformation
	}
	return protocol.SeverityHint
}

// findingsIn returns the findings of pkg in file.
func findingsIn(pkg *cache.Package, file string) []*driver.Finding {
	var out []*driver.Finding
	for _, f := range pkg.Findings {
		if tf := pkg.Fset.File(f.Diag.Pos); tf != nil && tf.Name() == file {
			out = append(out, f)
		}
	}
	return out
}

// Diagnostics returns the diagnostics of pkg in file (an empty, non-nil
// list when there are none: it clears the file).
func Diagnostics(pkg *cache.Package, file string, env *Env) []protocol.Diagnostic {
	out := []protocol.Diagnostic{}
	for _, f := range findingsIn(pkg, file) {
		if d, ok := diagnostic(pkg, f, env); ok {
			out = append(out, d)
		}
	}
	return out
}

// diagnostic converts a finding.
func diagnostic(pkg *cache.Package, f *driver.Finding, env *Env) (protocol.Diagnostic, bool) {
	_, rng, ok := rangeOf(pkg, f.Diag.Pos, f.Diag.End)
	if !ok {
		return protocol.Diagnostic{}, false
	}
	d := protocol.Diagnostic{
		Range:           rng,
		Severity:        severity(f.Severity),
		Code:            f.Rule.ID,
		CodeDescription: &protocol.CodeDescription{Href: f.Rule.URL(env.Lang)},
		Source:          Source,
		Message:         env.message(f),
	}
	for i, rel := range f.Diag.Related {
		file, r, ok := rangeOf(pkg, rel.Pos, rel.End)
		if !ok {
			continue // outside the package's files
		}
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: env.uri(file.Name), Range: r},
			Message:  f.Related(i, env.Lang),
		})
	}
	return d, true
}

// overlaps reports whether the ranges a and b share a position (an empty
// range overlaps a range it touches).
func overlaps(a, b protocol.Range) bool {
	return !less(a.End, b.Start) && !less(b.End, a.Start)
}

func less(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}
