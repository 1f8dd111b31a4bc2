package all_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMessagesSaid checks the rule packages' source: the Message of every
// diagnostic, suggested fix and related information they build is said
// through rule.Say, never a string literal, a concatenation or another
// call (fmt.Sprintf), so that none is without its Chinese. The rule tests
// check the same of what the fixtures make the rules report; this covers
// the paths no fixture reaches.
func TestMessagesSaid(t *testing.T) {
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch filepath.ToSlash(path) {
			case "../rule", "../all", "../topics", "../internal/ruletest":
				return filepath.SkipDir // the framework, the registry, the notes and the test harness
			}
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, at := range rawMessages(fset, f) {
			t.Errorf("%s: a Message that is not said through rule.Say: define it with rule.M in messages.go and use rule.Say(pass, msgX.With(…))", at)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("read %d files of the rule packages; the walk is broken", n)
	}
}

// TestRawMessages checks that rawMessages finds what TestMessagesSaid
// forbids, and only that.
func TestRawMessages(t *testing.T) {
	const src = `package p

func f(pass *analysis.Pass, name, title string, t rule.Text) {
	_ = analysis.Diagnostic{Message: "literal"}                          // bad 4
	_ = analysis.Diagnostic{Message: fmt.Sprintf("call of %s", name)}    // bad 5
	_ = analysis.SuggestedFix{Message: "Remove " + name}                 // bad 6
	_ = []analysis.RelatedInformation{{Message: name + " is here"}}      // bad 7
	d := analysis.Diagnostic{Message: rule.Say(pass, t)}
	d.Message = "assigned"                                               // bad 9
	d.SuggestedFixes = []analysis.SuggestedFix{{Message: rule.Say(pass, t)}}
	d.Related = []analysis.RelatedInformation{{Message: (rule.Say(pass, t))}}
	_ = analysis.SuggestedFix{Message: title}
	_ = other{Message: "not a diagnostic"}
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, at := range rawMessages(fset, f) {
		lines = append(lines, at.Line)
	}
	if want := []int{4, 5, 6, 7, 9}; !slices.Equal(lines, want) {
		t.Errorf("rawMessages found lines %v, want %v", lines, want)
	}
}

// rawMessages returns where f sets the Message of an analysis.Diagnostic,
// SuggestedFix or RelatedInformation (a composite literal of one of those
// types, or of an elided type, or an assignment to a .Message field) to
// something else than a call of rule.Say or a variable.
func rawMessages(fset *token.FileSet, f *ast.File) []token.Position {
	var out []token.Position
	check := func(v ast.Expr) {
		if !said(v) {
			out = append(out, fset.Position(v.Pos()))
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if n.Type != nil && !isAnalysisType(n.Type) {
				return true // another struct's Message
			}
			for _, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "Message") {
					check(kv.Value)
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == "Message" && i < len(n.Rhs) {
					check(n.Rhs[i])
				}
			}
		}
		return true
	})
	return out
}

// said reports whether a Message's value is a call of rule.Say, or a
// variable or field that holds one (the rule tests check what it holds).
func said(v ast.Expr) bool {
	switch v := ast.Unparen(v).(type) {
	case *ast.CallExpr:
		sel, ok := v.Fun.(*ast.SelectorExpr)
		return ok && isIdent(sel.X, "rule") && sel.Sel.Name == "Say"
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr:
		return true
	}
	return false // a literal, a concatenation, a conversion
}

// isAnalysisType reports whether t is analysis.Diagnostic, SuggestedFix
// or RelatedInformation.
func isAnalysisType(t ast.Expr) bool {
	sel, ok := t.(*ast.SelectorExpr)
	if !ok || !isIdent(sel.X, "analysis") {
		return false
	}
	switch sel.Sel.Name {
	case "Diagnostic", "SuggestedFix", "RelatedInformation":
		return true
	}
	return false
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
