package rule_test

import (
	"go/token"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// TestFocus: the nil Focus holds every position and wants facts; a
// Focus of files holds their positions, ends included, and no other
// file's; none holds nothing; WithoutFacts keeps the files.
func TestFocus(t *testing.T) {
	fset := token.NewFileSet()
	a := fset.AddFile("a.go", -1, 100)
	b := fset.AddFile("b.go", -1, 50)
	c := fset.AddFile("c.go", -1, 10)
	var whole *rule.Focus
	ab := rule.NewFocus([]*token.File{a, b})
	none := rule.NewFocus(nil)
	for _, tc := range []struct {
		name  string
		f     *rule.Focus
		pos   token.Pos
		has   bool
		facts bool
	}{
		{"whole", whole, c.Pos(5), true, true},
		{"whole without facts", whole.WithoutFacts(), c.Pos(5), true, false},
		{"a's start", ab, a.Pos(0), true, true},
		{"a's end", ab, a.Pos(100), true, true},
		{"b", ab, b.Pos(20), true, true},
		{"c", ab, c.Pos(0), false, true},
		{"c without facts", ab.WithoutFacts(), c.Pos(0), false, false},
		{"b without facts", ab.WithoutFacts(), b.Pos(0), true, false},
		{"none", none, a.Pos(0), false, true},
	} {
		if got := tc.f.Has(tc.pos); got != tc.has {
			t.Errorf("%s: Has = %v, want %v", tc.name, got, tc.has)
		}
		if got := tc.f.Facts(); got != tc.facts {
			t.Errorf("%s: Facts = %v, want %v", tc.name, got, tc.facts)
		}
	}
}
