package goerrgroup

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/ast/inspector"
)

// A launch describes where a go statement runs: the loops of its
// function that enclose it and, for a fan-out, the loop it fans out in
// and the join after that loop.
type launch struct {
	loops []inspector.Cursor // enclosing loops of the same function, innermost first
	fan   inspector.Cursor   // the loop whose iterations start the goroutines (fan-out or bare loop)
	join  *join              // how the function waits for them after fan; nil if it does not
	// remote is how another function of the package waits for them (a
	// WaitGroup field waited on in Stop or Close), when join is nil.
	remote *join
}

// A join is how a function waits for the goroutines of a loop.
type join struct {
	wait   *ast.CallExpr // wg.Wait() call, for a WaitGroup join
	wg     types.Object  // the WaitGroup variable or field
	ch     types.Object  // the channel received from, for a channel join
	chName string
	pos    token.Pos // where it waits
	in     string    // the function that waits, for a join elsewhere
}

// after reports whether the join comes after loop.
func (j *join) after(loop ast.Node) bool { return j.pos >= loop.End() }

func (j *join) describe() rule.Text {
	if j.in != "" {
		return msgJoinedIn.With(types.ExprString(j.wait.Fun), j.in)
	}
	if j.wait != nil {
		return msgJoinedBy.With(types.ExprString(j.wait.Fun))
	}
	return msgCollectedBy.With(j.chName)
}

// launchOf finds the loops around the go statement at cur (up to its
// function fnCur) and whether the function, or another, joins its
// goroutines.
func (c *checker) launchOf(cur, fnCur inspector.Cursor) launch {
	info := c.info
	var l launch
	for c := cur.Parent(); c != fnCur && c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			l.loops = append(l.loops, c)
		}
	}
	gs := cur.Node().(*ast.GoStmt)
	for _, loop := range l.loops {
		if !isFiniteLoop(info, loop.Node()) {
			break // a server or consumer loop: joins after it wait for shutdown, not results
		}
		if !l.fan.Valid() {
			l.fan = loop // the innermost finite loop, for the bare-loop fix
		}
		if l.join != nil {
			if l.join.after(loop.Node()) {
				l.fan = loop // the join follows this outer loop too: it fans out over both
				continue
			}
			break
		}
		if j := joinAfter(info, gs, loop, fnCur); j != nil {
			l.fan, l.join = loop, j
		}
	}
	if l.fan.Valid() && l.join == nil {
		l.remote = c.joinElsewhere(gs, l.fan, fnCur)
	}
	return l
}

// isFiniteLoop reports whether loop iterates over a finite set: a range
// over anything but a channel, or a for loop with a condition.
func isFiniteLoop(info *types.Info, loop ast.Node) bool {
	switch loop := loop.(type) {
	case *ast.ForStmt:
		return loop.Cond != nil
	case *ast.RangeStmt:
		if loop.X == nil {
			return false
		}
		t := info.TypeOf(loop.X)
		if t == nil {
			return true // untyped: assume a collection
		}
		_, isChan := t.Underlying().(*types.Chan)
		return !isChan
	}
	return false
}

// joinAfter returns how the function fnCur waits, after loop, for the
// goroutines the go statement gs starts in it, or nil.
func joinAfter(info *types.Info, gs *ast.GoStmt, loop, fnCur inspector.Cursor) *join {
	wgs := map[types.Object]bool{}
	chans := map[types.Object]bool{}
	// WaitGroups the loop adds to or the goroutine refers to; channels
	// the goroutine sends on or is given.
	ast.Inspect(loop.Node(), func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Add" {
				if obj := waitGroupOf(info, sel.X); obj != nil {
					wgs[obj] = true
				}
			}
		}
		return true
	})
	ast.Inspect(gs.Call, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if obj := waitGroupOf(info, n.X); obj != nil {
				wgs[obj] = true
			}
		case *ast.Ident:
			if obj := waitGroupOf(info, n); obj != nil {
				wgs[obj] = true
			}
		case *ast.SendStmt:
			if obj := chanOf(info, n.Chan); obj != nil {
				chans[obj] = true
			}
		}
		return true
	})
	for _, arg := range gs.Call.Args {
		if obj := chanOf(info, arg); obj != nil {
			chans[obj] = true
		}
	}
	if len(wgs) == 0 && len(chans) == 0 {
		return nil
	}
	end := loop.Node().End()
	for c := range fnCur.Preorder((*ast.CallExpr)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)) {
		if c.Node().Pos() < end {
			continue // before the loop ends: not a join after it
		}
		switch n := c.Node().(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" && len(n.Args) == 0 {
				if obj := waitGroupOf(info, sel.X); obj != nil && wgs[obj] {
					return &join{wait: n, wg: obj, pos: n.Pos()}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if obj := chanOf(info, n.X); obj != nil && chans[obj] {
					return &join{ch: obj, chName: types.ExprString(n.X), pos: n.Pos()}
				}
			}
		case *ast.RangeStmt:
			if obj := chanOf(info, n.X); obj != nil && chans[obj] {
				return &join{ch: obj, chName: types.ExprString(n.X), pos: n.Pos()}
			}
		}
	}
	return nil
}

// waitGroupOf returns the variable or field that e denotes (x, &x, p.f)
// when it is a sync.WaitGroup or a pointer to one, or nil.
func waitGroupOf(info *types.Info, e ast.Expr) types.Object {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if !typesutil.IsNamed(info.TypeOf(e), "sync", "WaitGroup") {
		return nil
	}
	return objectOf(info, e)
}

// chanOf returns the variable or field that e denotes when it is a
// channel, or nil.
func chanOf(info *types.Info, e ast.Expr) types.Object {
	e = ast.Unparen(e)
	t := info.TypeOf(e)
	if t == nil {
		return nil
	}
	if _, ok := t.Underlying().(*types.Chan); !ok {
		return nil
	}
	return objectOf(info, e)
}

// objectOf returns the variable an identifier or selector denotes.
func objectOf(info *types.Info, e ast.Expr) types.Object {
	switch e := e.(type) {
	case *ast.Ident:
		if v, ok := info.ObjectOf(e).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if v, ok := info.ObjectOf(e.Sel).(*types.Var); ok {
			return v
		}
	}
	return nil
}
