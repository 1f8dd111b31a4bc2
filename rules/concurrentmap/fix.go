package concurrentmap

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// fix wraps the write of w in Lock/Unlock of a mutex. When every racing
// use of the map already holds one mutex (pending is guarded by
// pendingMu everywhere else), that one. Otherwise, when the only racing
// uses are the goroutine's other unguarded writes (each gets the same
// fix), a mutex every goroutine of the launch shares: the struct's own
// when the map is a field of a struct with exactly one sync.Mutex or
// sync.RWMutex field, else a new `var mu sync.Mutex` declared beside a
// local map, or before the statement of the launcher that starts the
// goroutines. Any other racing use (a read in the goroutine, the
// launcher's unguarded use) would stay racy: no fix then. A call on the
// right-hand side is hoisted out of the critical section
// (`v := load(id)`) when the map and the key do not depend on it.
func (c *checker) fix(l *launch, w *write, writes []*write, racers []racer) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	file := fixutil.FileOf(c.pass.Files, w.stmt.Pos())
	if file == nil {
		return none, false
	}
	// The lock every racing access already holds, if any.
	guard, guarded := c.commonGuard(l, w, racers)
	if !guarded {
		for _, r := range racers {
			if r.write == nil {
				return none, false // a racing use a new lock around this write would not cover
			}
		}
	}
	stmtCur, ok := l.cur.FindNode(w.stmt)
	if !ok || !fixutil.IsListElem(stmtCur) || !fixutil.OwnsLines(c.pass, file, w.stmt) {
		return none, false
	}

	var edits []analysis.TextEdit
	var mu string
	var title rule.Text
	if guarded {
		mu = guard
		title = msgGuardLikeOthers.With(w.text, mu)
	} else if field, ok := c.structMutex(w); ok {
		mu = field
		title = msgGuard.With(w.text, mu)
	} else {
		at, start, after, ok := c.declPlace(l, w, file)
		if !ok {
			return none, false
		}
		name, ok := c.freshName(l.launcher, at, w.stmt.Pos(), w.text)
		if !ok {
			return none, false
		}
		syncName, imp, ok := fixutil.AddImport(c.pass.Fset, c.pass.Pkg, file, at, "sync", "sync")
		if !ok {
			return none, false
		}
		edits = append(edits, imp...)
		decl := "var " + name + " " + syncName + ".Mutex"
		if after {
			indent := fixutil.Indent(c.pass.Fset, start)
			eol := fixutil.LineEnd(c.pass.Fset, at)
			edits = append(edits, analysis.TextEdit{Pos: eol, End: eol, NewText: []byte("\n" + indent + decl)})
		} else {
			indent := fixutil.Indent(c.pass.Fset, at)
			edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(decl + "\n" + indent)})
		}
		mu = name
		title = msgGuardNew.With(w.text)
	}

	indent := fixutil.Indent(c.pass.Fset, w.stmt.Pos())
	before := indent + mu + ".Lock()\n"
	if v, rhs, ok := c.hoist(l, w, file); ok {
		before = indent + v + " := " + rhs.text + "\n" + before
		edits = append(edits, analysis.TextEdit{Pos: rhs.expr.Pos(), End: rhs.expr.End(), NewText: []byte(v)})
	}
	bol := fixutil.LineStart(c.pass.Fset, w.stmt.Pos())
	eol := fixutil.LineEnd(c.pass.Fset, w.stmt.End())
	edits = append(edits,
		analysis.TextEdit{Pos: bol, End: bol, NewText: []byte(before)},
		analysis.TextEdit{Pos: eol, End: eol, NewText: []byte("\n" + indent + mu + ".Unlock()")},
	)
	edits, ok = fixutil.Gofmt(c.pass, file, edits)
	if !ok {
		return none, false
	}
	return analysis.SuggestedFix{Message: rule.Say(c.pass, title), TextEdits: edits}, true
}

// structMutex returns the spelling, at the write, of the mutex field of
// the struct whose field the map is, when it has exactly one.
func (c *checker) structMutex(w *write) (string, bool) {
	sel, ok := ast.Unparen(w.m).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	if s, ok := c.info.Selections[sel]; !ok || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return "", false // not a direct field
	}
	t := c.info.TypeOf(sel.X)
	if t == nil {
		return "", false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return "", false
	}
	var found string
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if typesutil.IsNamed(f.Type(), "sync", "Mutex") || typesutil.IsNamed(f.Type(), "sync", "RWMutex") {
			if _, ptr := f.Type().(*types.Pointer); ptr || f.Embedded() {
				return "", false // shared with others, or promoted methods: leave it
			}
			if found != "" {
				return "", false // two mutexes: which guards the map is for the author to say
			}
			found = f.Name()
		}
	}
	if found == "" || (!ast.IsExported(found) && c.pass.Pkg != nil && !sameStructPkg(t, c.pass.Pkg)) {
		return "", false
	}
	return types.ExprString(sel.X) + "." + found, true
}

func sameStructPkg(t types.Type, pkg *types.Package) bool {
	n := typesutil.NamedOf(t)
	return n == nil || n.Obj().Pkg() == pkg
}

// declPlace returns where the new mutex is declared: after the statement
// that declares a local map (after is true; start is that statement's),
// or before the statement of the launcher's body that starts the
// goroutines.
func (c *checker) declPlace(l *launch, w *write, file *ast.File) (at, start token.Pos, after, ok bool) {
	v, ok := w.root.(*types.Var)
	if !ok {
		return token.NoPos, token.NoPos, false, false
	}
	if inside(v, l.launcher.Node()) {
		for cur := range l.launcher.Preorder((*ast.Ident)(nil)) {
			if c.info.Defs[cur.Node().(*ast.Ident)] != v {
				continue // not the declaration
			}
			var stmt inspector.Cursor
			switch cur.ParentEdgeKind() {
			case edge.AssignStmt_Lhs:
				stmt = cur.Parent()
			case edge.ValueSpec_Names:
				stmt = cur.Parent().Parent().Parent() // ValueSpec → GenDecl → DeclStmt
			}
			if !stmt.Valid() {
				break // a parameter or a range variable: declare the mutex before the launch
			}
			if !fixutil.IsListElem(stmt) || !fixutil.OwnsLines(c.pass, file, stmt.Node()) {
				return token.NoPos, token.NoPos, false, false
			}
			return stmt.Node().End(), stmt.Node().Pos(), true, true
		}
	}
	// Before the launcher's top-level statement that starts the goroutines.
	body := c.b.Graph(l.launcher.Node()).Body
	for p := l.cur; p.Node() != nil; p = p.Parent() {
		if p.ParentEdgeKind() == edge.BlockStmt_List && p.Parent().Node() == body {
			if !fixutil.StartsLine(c.pass, file, p.Node().Pos()) {
				return token.NoPos, token.NoPos, false, false
			}
			return p.Node().Pos(), p.Node().Pos(), false, true
		}
	}
	return token.NoPos, token.NoPos, false, false
}

// freshName returns a name for the mutex that nothing visible at decl or
// at use has, and that the declaring block does not declare: mu, or the
// map's name with Mu.
func (c *checker) freshName(launcher inspector.Cursor, decl, use token.Pos, mapText string) (string, bool) {
	base := mapText
	if i := strings.LastIndex(base, "."); i >= 0 {
		base = base[i+1:]
	}
	cands := []string{"mu", base + "Mu"}
	for i := 2; i < 5; i++ {
		cands = append(cands, fmt.Sprintf("mu%d", i))
	}
	if c.pass.Pkg == nil {
		return "", false
	}
	for _, name := range cands {
		if !token.IsIdentifier(name) {
			continue // a map spelled so that name+Mu is no name
		}
		if !fixutil.Free(c.pass.Pkg, decl, name) {
			continue // shadows or clashes where it is declared
		}
		if fixutil.Visible(c.pass.Pkg, use, name) {
			continue // visible at the write
		}
		return name, true
	}
	return "", false
}

type rhsExpr struct {
	expr ast.Expr
	text string
}

// hoist returns a variable name and the right-hand side of the write to
// evaluate before taking the lock: a call the map and the key do not
// depend on, which need not hold the lock while it runs.
func (c *checker) hoist(l *launch, w *write, file *ast.File) (string, rhsExpr, bool) {
	as, ok := w.stmt.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return "", rhsExpr{}, false
	}
	ix, ok := ast.Unparen(as.Lhs[0]).(*ast.IndexExpr)
	if !ok || !isPure(ix.Index) || !isPure(ix.X) {
		return "", rhsExpr{}, false
	}
	rhs := as.Rhs[0]
	calls, usesMap := false, false
	ast.Inspect(rhs, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if tv, ok := c.info.Types[n.Fun]; ok && !tv.IsType() && !tv.IsBuiltin() {
				calls = true
			}
		case *ast.Ident:
			if obj := c.info.Uses[n]; obj != nil {
				if k, _, ok := syncflow.PathKey(c.info, ix.X); ok && strings.HasPrefix(k, fmt.Sprintf("v%p", obj)) {
					usesMap = true
				}
			}
		}
		return true
	})
	if !calls || usesMap {
		return "", rhsExpr{}, false
	}
	text, ok := fixutil.Text(c.pass, file, rhs.Pos(), rhs.End())
	if !ok || strings.Contains(text, "\n") {
		return "", rhsExpr{}, false
	}
	scope := c.pass.Pkg.Scope().Innermost(w.stmt.Pos())
	if scope == nil {
		return "", rhsExpr{}, false
	}
	for _, name := range []string{"v", "val", "value"} {
		if scope.Lookup(name) != nil {
			continue // declared in the same block
		}
		if _, obj := scope.LookupParent(name, w.stmt.Pos()); obj != nil {
			continue // visible here: declaring it would shadow it
		}
		return name, rhsExpr{rhs, text}, true
	}
	return "", rhsExpr{}, false
}

// isPure reports whether evaluating e has no effect and gives the same
// value twice: a name, a literal, a field path.
func isPure(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return isPure(e.X)
	}
	return false
}

// commonGuard returns the spelling, valid at the write, of a sync mutex
// that every racing access holds for writing.
func (c *checker) commonGuard(l *launch, w *write, racers []racer) (string, bool) {
	if len(racers) == 0 {
		return "", false
	}
	var common map[string]bool
	for _, r := range racers {
		if r.safe {
			return "", false // serialised by sync.Once or a helper: no mutex to share
		}
		keys := map[string]bool{}
		for k := range r.locks {
			if !strings.HasPrefix(k, "r:") && !strings.HasPrefix(k, "helper:") && !strings.HasPrefix(k, "x:") {
				keys[k] = c.lockSpelling(l, k) != nil
			}
		}
		if common == nil {
			common = keys
			continue // the first access sets the candidates
		}
		for k := range common {
			if !keys[k] {
				delete(common, k)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(common)) {
		if !common[k] {
			continue // no Lock call spells it
		}
		mu := c.lockSpelling(l, k)
		_, root, _ := syncflow.PathKey(c.info, mu)
		if root != nil && typesutil.InScope(c.pass.Pkg, w.stmt.Pos(), root.Name(), root) {
			return types.ExprString(mu), true
		}
	}
	return "", false
}

// lockSpelling returns a mutex expression with the key, from the lock
// calls of the launcher.
func (c *checker) lockSpelling(l *launch, key string) ast.Expr {
	var found ast.Expr
	for cur := range l.launcher.Preorder((*ast.CallExpr)(nil)) {
		lc, ok := syncflow.ClassifyLock(c.info, cur.Node().(*ast.CallExpr))
		if ok && lc.Op == syncflow.Lock && lc.Key == key && lc.Mutex != nil {
			if sel, ok := ast.Unparen(lc.Call.Fun).(*ast.SelectorExpr); ok {
				if s, ok := c.info.Selections[sel]; ok && len(s.Index()) > 1 {
					continue // an embedded mutex: s.Lock() is no spelling of s.Mutex
				}
			}
			found = lc.Mutex
			break
		}
	}
	return found
}
