package unhandlederror

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestSyntaxSummary checks what a dependency's function is taken to do
// from its syntax alone.
func TestSyntaxSummary(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      *summary // nil: nothing known
	}{
		{"never", "func F(s *S) error {\n\ts.n = 1\n\treturn nil\n}", &summary{fails: failsNever}},
		{"stub", "func F() error { return nil }", nil},
		{"any", "func F() error {\n\tx()\n\treturn errors.New(\"e\")\n}", nil},
		{"options", "func New(n int, opts ...Option) (*T, error) {\n\tt := &T{}\n\tfor _, o := range opts {\n\t\tif err := o(t); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t}\n\treturn t, nil\n}",
			&summary{fails: failsOptions}},
		{"options grown", "func New(opts ...Option) (*T, error) {\n\topts = append(opts, def)\n\tfor _, o := range opts {\n\t\tif err := o(); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t}\n\treturn &T{}, nil\n}", nil},
		{"fails outside the loop too", "func New(opts ...Option) (*T, error) {\n\tif bad {\n\t\treturn nil, errBad\n\t}\n\tfor _, o := range opts {\n\t\tif err := o(); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t}\n\treturn &T{}, nil\n}", nil},
		{"forwards", "func F() (*T, error) {\n\tx()\n\treturn g()\n}", nil},
		{"bare", "func F() (t *T, err error) {\n\tt = &T{}\n\treturn\n}", nil},
		{"deferred recover", "func F() (err error) {\n\tdefer func() { err = recover().(error) }()\n\tx()\n\treturn nil\n}", nil},
		{"fallback", "func Open(n int) (*T, func(), error) {\n\tt := &T{n: n}\n\treturn t, nil, t.wait()\n}", &summary{fails: failsAny, fallback: 1}},
		{"fallback reassigned", "func Open(n int) (*T, error) {\n\tt := &T{n: n}\n\tif n < 0 {\n\t\tt = nil\n\t\treturn t, errBad\n\t}\n\treturn t, nil\n}", nil},
		{"nil on success", "func Find(k string) (*T, error) {\n\tif k == \"\" {\n\t\treturn nil, nil\n\t}\n\treturn lookup(k), nil\n}", &summary{fails: failsNever, nilOnSuccess: 1}},
		{"not error", "func F() myError {\n\tx()\n\treturn nil\n}", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package p\n\n"+tc.src+"\n", 0)
			if err != nil {
				t.Fatal(err)
			}
			got := syntaxSummary(f.Decls[0].(*ast.FuncDecl))
			switch {
			case got == nil && tc.want == nil:
			case got == nil || tc.want == nil:
				t.Errorf("summary %+v, want %+v", got, tc.want)
			case got.fails != tc.want.fails || got.fallback != tc.want.fallback || got.nilOnSuccess != tc.want.nilOnSuccess:
				t.Errorf("summary %+v, want %+v", *got, *tc.want)
			}
		})
	}
}
