// Package typesutil holds the type-level helpers that several rules share:
// recognising errors, callees and framework functions, and spelling zero
// values for the return statements that fixes insert; and the functions
// around a node, their bodies and their testing parameters (funcs.go).
package typesutil

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

var errorType = types.Universe.Lookup("error").Type()

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return t != nil && types.Identical(t, errorType)
}

// ImplementsError reports whether t is a non-interface type that
// implements error.
func ImplementsError(t types.Type) bool {
	if t == nil || types.IsInterface(t) {
		return false
	}
	return types.Implements(t, errorType.Underlying().(*types.Interface))
}

// Callee returns the function or method a call statically calls, or nil
// (for calls of function values, conversions and builtins).
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// IsFunc reports whether fn is the package-level function pkgPath.name.
func IsFunc(fn *types.Func, pkgPath, name string) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == pkgPath && fn.Name() == name &&
		fn.Signature().Recv() == nil
}

// IsMethod reports whether fn is the method name of the named type
// pkgPath.typeName (or a pointer to it).
func IsMethod(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	named := NamedOf(recv.Type())
	if named == nil {
		return false
	}
	obj := named.Obj()
	return obj.Name() == typeName && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath
}

// NamedOf returns the named type of t or *t, or nil.
func NamedOf(t types.Type) *types.Named {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, _ := t.(*types.Named)
	return n
}

// IsNamed reports whether t (or *t) is the named type pkgPath.name.
func IsNamed(t types.Type, pkgPath, name string) bool {
	n := NamedOf(t)
	return n != nil && n.Obj().Name() == name && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkgPath
}

// IsTestingType reports whether t is *testing.T, *testing.B, *testing.F
// or testing.TB: a function that takes one runs only under a test.
func IsTestingType(t types.Type) bool {
	for _, name := range []string{"T", "B", "F", "TB"} {
		if IsNamed(t, "testing", name) {
			return true
		}
	}
	return false
}

// IsNilable reports whether a value of type t can be nil.
func IsNilable(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer || u.Kind() == types.UntypedNil
	}
	return false
}

// IsNil reports whether e is the predeclared nil (in parentheses or not).
func IsNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// ComparedWithNil reports whether the syntax n compares v with nil
// (v == nil or v != nil, either way round) anywhere inside it.
func ComparedWithNil(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if ok && (b.Op == token.EQL || b.Op == token.NEQ) {
			if ObjectOf(info, b.X) == v && IsNil(info, b.Y) || ObjectOf(info, b.Y) == v && IsNil(info, b.X) {
				found = true
			}
		}
		return !found
	})
	return found
}

// ResultsOf returns the results of fn, an *ast.FuncDecl or *ast.FuncLit,
// and false when its type is unknown. A function without results has an
// empty (possibly nil) tuple.
func ResultsOf(info *types.Info, fn ast.Node) (*types.Tuple, bool) {
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := info.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ = info.TypeOf(fn).(*types.Signature)
	}
	if sig == nil {
		return nil, false
	}
	return sig.Results(), true
}

// ReturnsError reports whether the last result of the tuple is error.
func ReturnsError(results *types.Tuple) bool {
	return results != nil && results.Len() > 0 && IsError(results.At(results.Len()-1).Type())
}

// A Qualifier spells package-qualified names as a file can refer to them.
type Qualifier struct {
	pkg     *types.Package
	imports map[string]string // path → local name ("." for dot imports)
	missing bool
}

// NewQualifier returns a qualifier for code inserted in file of pkg.
func NewQualifier(file *ast.File, pkg *types.Package) *Qualifier {
	q := &Qualifier{pkg: pkg, imports: make(map[string]string)}
	names := make(map[string]string) // path → package name, from type information
	if pkg != nil {
		for _, imp := range pkg.Imports() {
			names[imp.Path()] = imp.Name()
		}
	}
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue // malformed import: nothing can refer to it
		}
		name := ""
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" {
			continue // a blank import gives no name to refer to
		}
		if name == "" {
			name = names[path]
		}
		if name == "" {
			name = guessName(path)
		}
		q.imports[path] = name
	}
	return q
}

// guessName is the package name an unnamed import most likely binds:
// the last path element, without a major-version suffix or "go-" prefix.
func guessName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	name = strings.TrimPrefix(name, "go-")
	if i := strings.IndexAny(name, ".-"); i >= 0 {
		name = name[:i]
	}
	return name
}

// Func is a types.Qualifier; it records whether a package was not
// imported by the file (see Missing).
func (q *Qualifier) Func(p *types.Package) string {
	if p == q.pkg {
		return ""
	}
	name, ok := q.imports[p.Path()]
	if !ok {
		q.missing = true
		return p.Name()
	}
	if name == "." {
		return ""
	}
	return name
}

// Missing reports whether something spelled so far needs a package the
// file does not import.
func (q *Qualifier) Missing() bool { return q.missing }

// TypeString spells t for the file, reporting false if it refers to a
// package the file does not import.
func (q *Qualifier) TypeString(t types.Type) (string, bool) {
	q.missing = false
	s := types.TypeString(t, q.Func)
	return s, !q.missing
}

// ZeroValue returns an expression for the zero value of t, as the file
// of q can spell it, and false if it cannot.
func (q *Qualifier) ZeroValue(t types.Type) (string, bool) {
	switch u := types.Unalias(t).(type) {
	case *types.TypeParam:
		s, ok := q.TypeString(u)
		return "*new(" + s + ")", ok
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsNumeric != 0:
			if _, named := types.Unalias(t).(*types.Named); named {
				s, ok := q.TypeString(t)
				return s + "(0)", ok
			}
			return "0", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
		return "", false // invalid or untyped: the code does not type-check
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", true
	case *types.Struct, *types.Array:
		s, ok := q.TypeString(t)
		return s + "{}", ok
	}
	return "", false
}

// ZeroReturn returns the results of a return statement for a function
// with the given results: zero values, and last, when the last result is
// an error, errExpr. It reports false where a result cannot be spelled.
func (q *Qualifier) ZeroReturn(results *types.Tuple, errExpr string) ([]string, bool) {
	var out []string
	for i := 0; i < results.Len(); i++ {
		t := results.At(i).Type()
		if i == results.Len()-1 && IsError(t) && errExpr != "" {
			out = append(out, errExpr)
			continue
		}
		z, ok := q.ZeroValue(t)
		if !ok {
			return nil, false
		}
		out = append(out, z)
	}
	return out, true
}

// FailureReturn is ZeroReturn for a return that reports a failure (errExpr
// an error) in the function fn: where every other failing return of fn
// (one whose error is not nil) gives the same constant for a result, that
// constant is used instead of the zero value, so the new return says
// what the function's failures say (caddy's commands return
// caddy.ExitCodeFailedStartup with their errors: 0 would be success).
// It reports false where fn's failures hand back a value the caller may
// use (carriesOnFailure): a nil there would move a panic or a hang into
// the caller.
func (q *Qualifier) FailureReturn(info *types.Info, fn ast.Node, results *types.Tuple, errExpr string) ([]string, bool) {
	out, ok := q.ZeroReturn(results, errExpr)
	if !ok || results.Len() < 2 || !IsError(results.At(results.Len()-1).Type()) {
		return out, ok
	}
	body := FuncBody(fn)
	if body == nil {
		return out, true
	}
	if carriesOnFailure(info, body, results.Len()) {
		return nil, false
	}
	n := results.Len()
	agreed := make([]string, n-1) // "" unknown, "\x00" no agreement
	failing := 0
	ast.Inspect(body, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			if len(node.Results) != n {
				return true
			}
			if id, ok := ast.Unparen(node.Results[n-1]).(*ast.Ident); ok && id.Name == "nil" {
				return true // a success
			}
			failing++
			for i, e := range node.Results[:n-1] {
				text := "\x00"
				if tv, ok := info.Types[e]; ok && tv.Value != nil {
					text = types.ExprString(e)
				}
				switch {
				case agreed[i] == "":
					agreed[i] = text
				case agreed[i] != text:
					agreed[i] = "\x00"
				}
			}
		}
		return true
	})
	if failing == 0 {
		return out, true
	}
	for i, text := range agreed {
		if text != "" && text != "\x00" {
			out[i] = text
		}
	}
	return out, true
}

// carriesOnFailure reports whether the function body hands back, with
// its error, a value its caller may use: every return in an
// `if err != nil { … }` that returns that err (of n results) gives the
// same local variable of pointer, channel, function or non-error interface
// type for some result. etcd's applier returns the compaction's channel
// with Compact's error (`return nil, ch, nil, err`), and its caller waits
// on it: a new failure return cannot know what to give there.
func carriesOnFailure(info *types.Info, body *ast.BlockStmt, n int) bool {
	agreed := make([]types.Object, n-1) // nil unknown
	none := types.Object(types.Universe.Lookup("nil"))
	failing := 0
	ast.Inspect(body, func(node ast.Node) bool {
		if _, ok := node.(*ast.FuncLit); ok {
			return false // its returns are its own
		}
		ifs, ok := node.(*ast.IfStmt)
		if !ok {
			return true
		}
		errVar := nonNilChecked(info, ifs.Cond)
		if errVar == nil {
			return true
		}
		ast.Inspect(ifs.Body, func(node ast.Node) bool {
			if _, ok := node.(*ast.FuncLit); ok {
				return false
			}
			ret, ok := node.(*ast.ReturnStmt)
			if !ok || len(ret.Results) != n || ObjectOf(info, ret.Results[n-1]) != errVar {
				return true // not a return of the checked error
			}
			failing++
			for i, e := range ret.Results[:n-1] {
				v := LocalVar(info, e)
				if v == nil || !handedBack(v.Type()) {
					agreed[i] = none
					continue
				}
				switch {
				case agreed[i] == nil:
					agreed[i] = v
				case agreed[i] != v:
					agreed[i] = none
				}
			}
			return true
		})
		return true
	})
	if failing == 0 {
		return false
	}
	for _, v := range agreed {
		if v != nil && v != none {
			return true
		}
	}
	return false
}

// nonNilChecked returns the local error variable cond tests for non-nil
// (err != nil), or nil.
func nonNilChecked(info *types.Info, cond ast.Expr) *types.Var {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return nil
	}
	x, y := b.X, b.Y
	if IsNil(info, x) {
		x, y = y, x
	}
	if !IsNil(info, y) {
		return nil
	}
	v := LocalVar(info, x)
	if v == nil || !IsError(v.Type()) {
		return nil
	}
	return v
}

// handedBack reports whether a value of type t, returned with an error,
// is one a caller may go on to use, whose nil would panic or block: a
// pointer, a channel, a function or an interface other than error.
func handedBack(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Chan, *types.Signature:
		return true
	case *types.Interface:
		return !IsError(t)
	}
	return false
}

// ObjectOf returns the object an identifier (possibly parenthesized)
// denotes, or nil.
func ObjectOf(info *types.Info, e ast.Expr) types.Object {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return info.ObjectOf(id)
}

// UsedObject returns the object that e, an identifier or a selector
// (pkg.Name, x.Field, x.Method), possibly parenthesized, refers to, or
// nil.
func UsedObject(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.Uses[e]
	case *ast.SelectorExpr:
		return info.Uses[e.Sel]
	}
	return nil
}

// LocalVar returns the local variable (not a field, not package-level)
// that e denotes, or nil.
func LocalVar(info *types.Info, e ast.Expr) *types.Var {
	v, ok := ObjectOf(info, e).(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || v.Parent() == nil {
		return nil
	}
	return v
}

// InScope reports whether name at pos resolves to obj (or, with obj nil,
// to nothing) in the scope innermost at pos.
func InScope(pkg *types.Package, pos token.Pos, name string, obj types.Object) bool {
	scope := Innermost(pkg, pos)
	if scope == nil {
		return obj == nil
	}
	_, found := scope.LookupParent(name, pos)
	return found == obj
}

// stdRoots are the first elements of the standard library's import paths.
var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "builtin": true, "bytes": true, "cmp": true, "compress": true,
	"container": true, "context": true, "crypto": true, "database": true, "debug": true,
	"embed": true, "encoding": true, "errors": true, "expvar": true, "flag": true, "fmt": true,
	"go": true, "hash": true, "html": true, "image": true, "index": true, "internal": true,
	"io": true, "iter": true, "log": true, "maps": true, "math": true, "mime": true, "net": true,
	"os": true, "path": true, "plugin": true, "reflect": true, "regexp": true, "runtime": true,
	"slices": true, "sort": true, "strconv": true, "strings": true, "structs": true, "sync": true,
	"syscall": true, "testing": true, "text": true, "time": true, "unicode": true, "unique": true,
	"unsafe": true, "weak": true, "C": true,
}

// IsStd reports whether path is a standard library package (or cgo's C).
func IsStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return stdRoots[first]
}

// QualifiedName returns pkg.Func or pkg.Type.Method for fn, as messages
// name a function.
func QualifiedName(fn *types.Func) string {
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		if n := NamedOf(recv.Type()); n != nil {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}
