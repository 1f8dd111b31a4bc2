package usebeforeerrcheck

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// A move is the fix of one assignment: the statements between it and
// its err check that use a tracked variable, moved below the check.
type move struct {
	moved []ast.Stmt
	fix   analysis.SuggestedFix
}

// fixFor returns the fix for a finding: moving the statement holding the
// use (and the other statements using the assignment's variables before
// the check) below the check.
func (c *checker) fixFor(f *finding) (analysis.SuggestedFix, bool) {
	if f.p.st != unchecked {
		return analysis.SuggestedFix{}, false // no check that leaves: nothing to move below
	}
	if c.moves == nil {
		c.moves = make(map[*assignment]*move)
	}
	mv, ok := c.moves[f.a]
	if !ok {
		mv = c.moveFor(f.a)
		c.moves[f.a] = mv
	}
	if mv == nil {
		return analysis.SuggestedFix{}, false
	}
	for _, s := range mv.moved {
		if within(f.use, s) {
			return mv.fix, true
		}
	}
	return analysis.SuggestedFix{}, false // the use is not in a statement that moves
}

// stmtOf returns the cursor of the statement of an assignment when that
// statement is an element of a statement list.
func stmtOf(a *assignment) (inspector.Cursor, bool) {
	cur := a.cur
	if _, ok := cur.Node().(*ast.ValueSpec); ok {
		cur = cur.Parent().Parent() // ValueSpec → GenDecl → DeclStmt
	}
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return cur, true
	}
	return inspector.Cursor{}, false
}

// moveFor computes the fix of an assignment, or nil when none is safe.
func (c *checker) moveFor(a *assignment) *move {
	sc, ok := stmtOf(a)
	if !ok {
		return nil // in an if or switch header
	}
	fnNode := a.fn.cur.Node()
	between, check, ok := c.upToCheck(a, sc)
	if !ok {
		return nil
	}

	// The statements to move: those with an unchecked use.
	var moved, stays []inspector.Cursor
	names := map[string]bool{}
	for _, s := range between {
		uses := false
		for _, u := range c.unchecked[a] {
			if within(u.use, s.Node()) {
				uses = true
				names[u.v.Name()] = true
			}
		}
		switch {
		case uses:
			moved = append(moved, s)
		case len(moved) > 0:
			stays = append(stays, s) // jumped over
		}
	}
	if len(moved) == 0 {
		return nil
	}

	// What the moved statements declare, write and read.
	var m effects
	for _, s := range moved {
		if _, ok := s.Node().(*ast.LabeledStmt); ok {
			return nil // a label would move with it
		}
		m.add(c, s.Node(), true)
	}
	defined := m.declared
	for v := range m.written {
		defined[v] = true
		if c.capturedOrResult(a.fn, v) {
			return nil // a deferred func or a return may read the old value
		}
	}
	// The check must not see them.
	if c.mentionsAnyVar(check.Node(), defined) {
		return nil
	}
	// Nor may the statements jumped over, nor may they write what the
	// moved statements read, nor reorder side effects.
	for _, s := range stays {
		var j effects
		j.add(c, s.Node(), false)
		if c.mentionsAnyVar(s.Node(), defined) {
			return nil
		}
		for v := range j.written {
			if m.read[v] {
				return nil
			}
		}
		if j.sideEffects && m.sideEffects {
			return nil
		}
	}

	// Below the check they no longer run on its leaving path: they must
	// release nothing (an Unlock, a Done, a cancel) acquired above.
	movedStmts := make([]ast.Stmt, len(moved))
	for i, s := range moved {
		movedStmts[i] = s.Node().(ast.Stmt)
	}
	if c.flow.Releases(fnNode, movedStmts) {
		return nil
	}

	edits, ok := c.moveEdit(sc, moved, check)
	if !ok {
		return nil
	}
	var list []string
	for n := range names {
		list = append(list, n)
	}
	slices.Sort(list)
	var used any = list[0]
	for _, n := range list[1:] {
		used = msgAnd.With(used, n)
	}
	mv := &move{fix: analysis.SuggestedFix{
		Message:   rule.Say(c.pass, msgMoveBelow.With(used)),
		TextEdits: edits,
	}}
	mv.moved = movedStmts
	return mv
}

// upToCheck returns the statements after sc up to the check of a's err,
// which must be the next statement that looks at err and leaves the
// block, and the check; false when there is no such check, or err or a
// variable of a changes, or err is read, before it.
func (c *checker) upToCheck(a *assignment, sc inspector.Cursor) (between []inspector.Cursor, check inspector.Cursor, ok bool) {
	fnNode := a.fn.cur.Node()
	for s, ok := sc.NextSibling(); ok; s, ok = s.NextSibling() {
		if c.isLeavingErrCheck(s.Node(), a.err) {
			return between, s, true
		}
		if c.assigns(a.fn, s.Node(), a.err) || c.writesVar(s.Node(), a.err) {
			return nil, inspector.Cursor{}, false // the check would test another error
		}
		for _, tv := range a.vars {
			if c.writesVar(s.Node(), tv.v) {
				return nil, inspector.Cursor{}, false // the variable changes before the check
			}
		}
		if c.readsErr(fnNode, s.Node(), a.err) {
			return nil, inspector.Cursor{}, false // err is looked at before the check
		}
		between = append(between, s)
	}
	return nil, inspector.Cursor{}, false // no check that leaves the block
}

// isLeavingErrCheck reports whether n is `if err != nil { …; leave }`:
// no init, no else, a condition that is err != nil or a disjunction
// holding it with pure operands, and a body whose last statement leaves
// the block.
func (c *checker) isLeavingErrCheck(n ast.Node, err *types.Var) bool {
	ifs, ok := n.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return false
	}
	found := false
	for _, d := range disjuncts(ifs.Cond) {
		if neq, ok := isErrNilCompare(c.info, d, err); ok && neq {
			found = true
		} else if !isPure(d) {
			return false
		}
	}
	if !found {
		return false
	}
	switch last := ifs.Body.List[len(ifs.Body.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return last.Tok != token.FALLTHROUGH
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		return ok && !c.nr.MayReturn(call)
	}
	return false
}

// disjuncts returns the operands of a chain of ||.
func disjuncts(e ast.Expr) []ast.Expr {
	e = ast.Unparen(e)
	if bin, ok := e.(*ast.BinaryExpr); ok && bin.Op == token.LOR {
		return append(disjuncts(bin.X), disjuncts(bin.Y)...)
	}
	return []ast.Expr{e}
}

// isPure reports whether evaluating e has no effects: no calls (but len
// and cap) and no receives.
func isPure(e ast.Expr) bool {
	pure := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if id := identOf(n.Fun); id == nil || (id.Name != "len" && id.Name != "cap") {
				pure = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				pure = false
			}
		case *ast.FuncLit:
			pure = false
		}
		return pure
	})
	return pure
}

// effects are what a statement declares, writes and reads.
type effects struct {
	declared    map[*types.Var]bool // declared at the statement's own level
	written     map[*types.Var]bool // variables declared elsewhere and assigned
	read        map[*types.Var]bool
	sideEffects bool // calls, sends, receives, writes through pointers, jumps
}

// pureBuiltins are the builtins whose calls have no effect.
var pureBuiltins = map[string]bool{
	"len": true, "cap": true, "append": true, "make": true, "new": true,
	"min": true, "max": true, "complex": true, "real": true, "imag": true,
}

// add accumulates the effects of the statement s. Top marks a statement
// whose declarations are visible to the statements after it.
func (e *effects) add(c *checker, s ast.Node, top bool) {
	if e.declared == nil {
		e.declared = make(map[*types.Var]bool)
		e.written = make(map[*types.Var]bool)
		e.read = make(map[*types.Var]bool)
	}
	if top {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, l := range s.Lhs {
					if id := identOf(l); id != nil {
						if v, ok := c.info.Defs[id].(*types.Var); ok {
							e.declared[v] = true
						}
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := s.Decl.(*ast.GenDecl); ok {
				for _, spec := range gd.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, id := range vs.Names {
							if v, ok := c.info.Defs[id].(*types.Var); ok {
								e.declared[v] = true
							}
						}
					} else {
						e.sideEffects = true // a type or const: keep it where it is
					}
				}
			}
		}
	}
	write := func(x ast.Expr) {
		if id := identOf(x); id != nil {
			if v, ok := c.info.Uses[id].(*types.Var); ok {
				e.written[v] = true
				if v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
					e.sideEffects = true // a package variable
				}
			}
			return
		}
		e.sideEffects = true // through a pointer, an element or a field
	}
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := c.info.Uses[n].(*types.Var); ok && !v.IsField() {
				e.read[v] = true
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if n.Tok == token.DEFINE {
					if id := identOf(l); id != nil && c.info.Defs[id] != nil {
						continue // a new variable
					}
				}
				if id := identOf(l); id != nil && id.Name == "_" {
					continue
				}
				write(l)
			}
		case *ast.IncDecStmt:
			write(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				if n.Key != nil {
					write(n.Key)
				}
				if n.Value != nil {
					write(n.Value)
				}
			}
		case *ast.UnaryExpr:
			switch n.Op {
			case token.AND:
				if _, lit := ast.Unparen(n.X).(*ast.CompositeLit); !lit {
					write(n.X) // its address escapes
				}
			case token.ARROW:
				e.sideEffects = true
			}
		case *ast.CallExpr:
			if tv, ok := c.info.Types[n.Fun]; ok && tv.IsType() {
				break // a conversion
			}
			if b, ok := c.info.Uses[identOf(n.Fun)].(*types.Builtin); ok && pureBuiltins[b.Name()] {
				break
			}
			e.sideEffects = true
		case *ast.SendStmt, *ast.DeferStmt, *ast.GoStmt, *ast.ReturnStmt, *ast.BranchStmt, *ast.LabeledStmt:
			e.sideEffects = true
		}
		return true
	})
}

// writesVar reports whether n assigns v anywhere inside it (or takes its
// address).
func (c *checker) writesVar(n ast.Node, v *types.Var) bool {
	var e effects
	e.add(c, n, false)
	return e.written[v]
}

// mentionsAnyVar reports whether an identifier in n denotes one of vars.
func (c *checker) mentionsAnyVar(n ast.Node, vars map[*types.Var]bool) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			if v, ok := c.info.ObjectOf(id).(*types.Var); ok && vars[v] {
				found = true
			}
		}
		return !found
	})
	return found
}

// capturedOrResult reports whether v is a named result of the function or
// appears in a function literal inside it: then code that runs on the
// err path (a deferred func, a bare return) may read it.
func (c *checker) capturedOrResult(fi *funcInfo, v *types.Var) bool {
	var ft *ast.FuncType
	switch fn := fi.cur.Node().(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft != nil && ft.Results != nil {
		for _, f := range ft.Results.List {
			for _, id := range f.Names {
				if c.info.Defs[id] == v {
					return true
				}
			}
		}
	}
	for _, cur := range c.identsOf(v) {
		if fn := c.funcOfIdent(cur); fn != nil && fn != fi.cur.Node() && within(cur.Node(), fi.cur.Node()) {
			return true
		}
	}
	return false
}

// moveEdit returns the edit that moves the statements moved (siblings
// after the assignment sc) below check, keeping their comments, and
// reports false when the statements share lines with others or the
// result would not be in gofmt's layout.
func (c *checker) moveEdit(sc inspector.Cursor, moved []inspector.Cursor, check inspector.Cursor) ([]analysis.TextEdit, bool) {
	var none []analysis.TextEdit
	fset := c.pass.Fset
	file := fixutil.FileOf(c.pass.Files, sc.Node().Pos())
	if file == nil {
		return none, false
	}
	src, ok := fixutil.Content(c.pass, file)
	if !ok {
		return none, false
	}
	tf := fset.File(file.FileStart)
	line := func(p token.Pos) int { return tf.Line(p) }

	// The units from the first moved statement to the check, each with
	// its own lines (and the comment lines right above it).
	var units []inspector.Cursor
	for s := moved[0]; ; {
		units = append(units, s)
		if s == check {
			break
		}
		next, ok := s.NextSibling()
		if !ok {
			return none, false
		}
		s = next
	}
	type span struct{ start, end token.Pos }
	spans := make([]span, len(units))
	prevEnd := sc.Node().End()
	for i, u := range units {
		n := u.Node()
		start := n.Pos()
		if cg := commentAbove(file, tf, n.Pos(), prevEnd); cg != nil {
			start = cg.Pos()
		}
		if line(start) <= line(prevEnd) {
			return none, false // shares a line with the statement before
		}
		if next, ok := u.NextSibling(); ok && line(next.Node().Pos()) <= line(n.End()) {
			return none, false // shares a line with the statement after
		}
		if cg := commentAfter(file, tf, n.End()); cg != nil && line(cg.End()) != line(n.End()) {
			return none, false // a trailing comment running over several lines
		}
		spans[i] = span{fixutil.LineStart(fset, start), fixutil.NextLineStart(fset, n.End())}
		prevEnd = n.End()
	}
	text := func(p, e token.Pos) []byte { return src[tf.Offset(p):tf.Offset(e)] }
	isMoved := func(u inspector.Cursor) bool { return slices.Contains(moved, u) }

	var out, tail bytes.Buffer
	firstStay := true
	for i, u := range units {
		var gap []byte
		if i > 0 {
			gap = text(spans[i-1].end, spans[i].start)
		}
		if isMoved(u) {
			if len(bytes.TrimSpace(gap)) > 0 {
				return none, false // a comment between statements would be lost
			}
			tail.Write(text(spans[i].start, spans[i].end))
			continue
		}
		if !firstStay {
			out.Write(gap)
		} else if len(bytes.TrimSpace(gap)) > 0 {
			return none, false
		}
		firstStay = false
		out.Write(text(spans[i].start, spans[i].end))
	}
	out.Write(tail.Bytes())
	edit := analysis.TextEdit{Pos: spans[0].start, End: spans[len(spans)-1].end, NewText: out.Bytes()}

	// In gofmt's layout: the edit takes in what gofmt changes around the
	// moved lines (aligned trailing comments). Where the function was not
	// gofmt'd, the result only has to parse.
	return fixutil.GofmtLines(c.pass, file, []analysis.TextEdit{edit})
}

// commentAbove returns the comment group that ends on the line right
// above pos and starts after prevEnd, or nil.
func commentAbove(file *ast.File, tf *token.File, pos, prevEnd token.Pos) *ast.CommentGroup {
	for _, cg := range file.Comments {
		if cg.Pos() > prevEnd && tf.Line(cg.Pos()) > tf.Line(prevEnd) && cg.End() < pos && tf.Line(cg.End()) == tf.Line(pos)-1 {
			return cg
		}
	}
	return nil
}

// commentAfter returns the comment group that starts on the line of end,
// after it, or nil.
func commentAfter(file *ast.File, tf *token.File, end token.Pos) *ast.CommentGroup {
	for _, cg := range file.Comments {
		if cg.Pos() >= end && tf.Line(cg.Pos()) == tf.Line(end) {
			return cg
		}
	}
	return nil
}
