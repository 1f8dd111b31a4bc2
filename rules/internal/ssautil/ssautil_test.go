package ssautil_test

import (
	"go/importer"
	"go/token"
	"go/types"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/ssautil"
)

func TestIsNoReturn(t *testing.T) {
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	lookup := func(path, name string) *types.Func {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatal(err)
		}
		obj := pkg.Scope().Lookup(name)
		if fn, ok := obj.(*types.Func); ok {
			return fn
		}
		t.Fatalf("%s.%s is not a function", path, name)
		return nil
	}
	method := func(path, typ, name string) *types.Func {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatal(err)
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(pkg.Scope().Lookup(typ).Type()), false, pkg, name)
		fn, ok := obj.(*types.Func)
		if !ok {
			t.Fatalf("(*%s.%s).%s is not a method", path, typ, name)
		}
		return fn
	}
	for _, tc := range []struct {
		fn   *types.Func
		want bool
	}{
		{lookup("os", "Exit"), true},
		{lookup("log", "Fatalf"), true},
		{lookup("log", "Panicln"), true},
		{lookup("runtime", "Goexit"), true},
		{method("log", "Logger", "Fatal"), true},
		{method("testing", "T", "Fatalf"), true},
		{method("testing", "T", "Errorf"), false},
		{lookup("log", "Printf"), false},
		{lookup("os", "Getenv"), false},
		{nil, false},
	} {
		name := "<nil>"
		if tc.fn != nil {
			name = tc.fn.FullName()
		}
		if got := ssautil.IsNoReturn(tc.fn); got != tc.want {
			t.Errorf("IsNoReturn(%s) = %v, want %v", name, got, tc.want)
		}
	}
}
