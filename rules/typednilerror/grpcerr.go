package typednilerror

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/fixutil"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

// This file reports, in Kratos v2/v3, a comparison of an error that a
// gRPC client call returned with a *errors.Error:
//
//	_, err := client.GetUser(ctx, req)
//	if errors.Is(err, v1.ErrorUserNotFound("")) { // never true
//
// Like a typed nil, it is about what an interface holds: across gRPC the
// client gets a *status.Error, never the server's *errors.Error, and
// both errors.Is (status.Error.Is matches only another *status.Error)
// and == (different dynamic types) are false. errors.FromError converts
// a status back, which is what the generated IsUserNotFound(err) does.
//
// The left side must be, on every path (SSA phis), the error result of a
// call of a generated gRPC client method, known by its last parameter
// `opts ...grpc.CallOption`, or nil; the target's static type must be
// *errors.Error of Kratos v2/v3. The fix calls the generated Is<X>(err)
// beside the Error<X> function that built the target, when there is one.

// A grpcCompare is a comparison candidate in the syntax: errors.Is(x, t)
// or x == t, x != t, with t a *errors.Error.
type grpcCompare struct {
	node   ast.Expr // the errors.Is call or the comparison
	err    ast.Expr // its left side
	target ast.Expr
	leftX  bool // for a comparison: the error is its X operand
	neq    bool // x != t
}

// checkGRPCCompares reports comparisons of gRPC client errors with
// *errors.Error values.
func (c *checker) checkGRPCCompares(opts *rule.Options, prog []*ssa.Function) {
	pass := c.pass
	if !importsKratosErrors(pass.Pkg, opts) {
		return
	}
	cands := make(map[token.Pos]*grpcCompare) // by the SSA instruction's position
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil), (*ast.BinaryExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			fn := typesutil.Callee(pass.TypesInfo, n)
			if fn == nil || fn.Name() != "Is" || fn.Pkg() == nil || len(n.Args) != 2 ||
				fn.Pkg().Path() != "errors" && !opts.KratosV2Package(fn.Pkg().Path(), "errors") {
				continue // not errors.Is
			}
			if isKratosError(opts, pass.TypesInfo.TypeOf(n.Args[1])) {
				cands[n.Lparen] = &grpcCompare{node: n, err: n.Args[0], target: n.Args[1]}
			}
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				continue // not a comparison
			}
			x, y := pass.TypesInfo.TypeOf(n.X), pass.TypesInfo.TypeOf(n.Y)
			switch {
			case typesutil.IsError(x) && isKratosError(opts, y):
				cands[n.OpPos] = &grpcCompare{node: n, err: n.X, target: n.Y, leftX: true, neq: n.Op == token.NEQ}
			case typesutil.IsError(y) && isKratosError(opts, x):
				cands[n.OpPos] = &grpcCompare{node: n, err: n.Y, target: n.X, neq: n.Op == token.NEQ}
			}
		}
	}
	if len(cands) == 0 {
		return
	}
	found := make(map[*grpcCompare]*ssa.CallCommon)
	for _, fn := range prog {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				cand, left := candidateOf(cands, instr)
				if cand == nil {
					continue // not a candidate comparison
				}
				if call := grpcCallOf(left, make(map[ssa.Value]bool)); call != nil {
					found[cand] = call
				}
			}
		}
	}
	list := make([]*grpcCompare, 0, len(found))
	for cand := range found {
		list = append(list, cand)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].node.Pos() < list[j].node.Pos() })
	for _, cand := range list {
		c.reportGRPCCompare(cand, found[cand])
	}
}

// candidateOf returns the candidate comparison the instruction is, and
// the SSA value of its error side.
func candidateOf(cands map[token.Pos]*grpcCompare, instr ssa.Instruction) (*grpcCompare, ssa.Value) {
	switch instr := instr.(type) {
	case *ssa.Call:
		if cand := cands[instr.Pos()]; cand != nil && len(instr.Call.Args) == 2 {
			if _, ok := cand.node.(*ast.CallExpr); ok {
				return cand, instr.Call.Args[0]
			}
		}
	case *ssa.BinOp:
		if cand := cands[instr.Pos()]; cand != nil {
			if _, ok := cand.node.(*ast.BinaryExpr); ok {
				if cand.leftX {
					return cand, instr.X
				}
				return cand, instr.Y
			}
		}
	}
	return nil, nil
}

// grpcCallOf returns the gRPC client call whose error v is on every path
// (nil on some paths allowed), or nil.
func grpcCallOf(v ssa.Value, seen map[ssa.Value]bool) *ssa.CallCommon {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && isGRPCClientCall(&call.Call) && v.Index == call.Call.Signature().Results().Len()-1 {
			return &call.Call
		}
	case *ssa.Call:
		if isGRPCClientCall(&v.Call) {
			return &v.Call
		}
	case *ssa.Phi:
		var found *ssa.CallCommon
		for _, e := range v.Edges {
			if k, ok := e.(*ssa.Const); ok && k.IsNil() {
				continue // no error on that path
			}
			call := grpcCallOf(e, seen)
			if call == nil {
				return nil // another error on that path
			}
			found = call
		}
		return found
	}
	return nil
}

// isGRPCClientCall reports whether call calls a method of a generated
// gRPC client: its last parameter is `opts ...grpc.CallOption` and its
// last result an error.
func isGRPCClientCall(call *ssa.CallCommon) bool {
	sig := call.Signature()
	if sig == nil || !sig.Variadic() || sig.Results().Len() == 0 || !typesutil.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	last, ok := sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice)
	return ok && typesutil.IsNamed(last.Elem(), "google.golang.org/grpc", "CallOption")
}

// isKratosError reports whether t is *errors.Error of Kratos v2/v3.
func isKratosError(opts *rule.Options, t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n := typesutil.NamedOf(p.Elem())
	return n != nil && n.Obj().Name() == "Error" && n.Obj().Pkg() != nil && opts.KratosV2Package(n.Obj().Pkg().Path(), "errors")
}

// importsKratosErrors reports whether pkg imports the errors package of
// Kratos v2/v3.
func importsKratosErrors(pkg *types.Package, opts *rule.Options) bool {
	for _, imp := range pkg.Imports() {
		if opts.KratosV2Package(imp.Path(), "errors") {
			return true
		}
	}
	return false
}

// reportGRPCCompare reports a comparison that is always false, with the
// generated Is function as its fix when there is one.
func (c *checker) reportGRPCCompare(cand *grpcCompare, call *ssa.CallCommon) {
	pass := c.pass
	callee := "the client"
	if m := call.Method; m != nil {
		callee = m.Name()
	} else if fn := call.StaticCallee(); fn != nil {
		callee = fn.Name()
	}
	expr := types.ExprString(cand.node)
	if len(expr) > 60 {
		expr = types.ExprString(cand.err) + " == …"
		if _, ok := cand.node.(*ast.CallExpr); ok {
			expr = "errors.Is(" + types.ExprString(cand.err) + ", …)"
		}
	}
	isCall, fixText, ok, fixable := c.generatedIs(cand)
	advice := msgUseReason.With()
	if ok {
		advice = msgUseIs.With(isCall)
	}
	msg := msgGRPCCompare
	if cand.neq {
		msg = msgGRPCCompareNeq
	}
	d := analysis.Diagnostic{
		Pos: cand.node.Pos(), End: cand.node.End(),
		Message: rule.Say(pass, msg.With(expr, types.ExprString(cand.err), callee, advice)),
	}
	if fixable {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   rule.Say(pass, msgFixIs.With(fixText)),
			TextEdits: []analysis.TextEdit{{Pos: cand.node.Pos(), End: cand.node.End(), NewText: []byte(fixText)}},
		}}
	}
	pass.Report(d)
}

// generatedIs returns the call of the generated Is<X> function that
// tests what the comparison meant to ("v1.IsUserNotFound(err)"), when
// the target is built by a generated Error<X> function whose package
// declares Is<X>(error) bool; and the text that replaces the comparison,
// when that is safe: the Error<X> call's arguments have no effects, the
// error side is a variable, and no import is left unused.
func (c *checker) generatedIs(cand *grpcCompare) (isCall, fixText string, ok, fixable bool) {
	info := c.pass.TypesInfo
	call, isCallExpr := ast.Unparen(cand.target).(*ast.CallExpr)
	if !isCallExpr {
		return "", "", false, false
	}
	fn := typesutil.Callee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil || !strings.HasPrefix(fn.Name(), "Error") {
		return "", "", false, false
	}
	is, isFunc := fn.Pkg().Scope().Lookup("Is" + strings.TrimPrefix(fn.Name(), "Error")).(*types.Func)
	if !isFunc || !isPredicate(is) {
		return "", "", false, false
	}
	name := is.Name()
	if sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel {
		name = types.ExprString(sel.X) + "." + is.Name()
	} else if !typesutil.InScope(c.pass.Pkg, cand.node.Pos(), is.Name(), is) {
		return "", "", false, false
	}
	isCall = name + "(" + types.ExprString(cand.err) + ")"
	fixText = isCall
	if cand.neq {
		fixText = "!" + isCall
	}
	fixable = fixutil.IsVarPath(cand.err)
	for _, a := range call.Args {
		if tv, known := info.Types[a]; !known || tv.Value == nil && !fixutil.IsVarPath(a) {
			fixable = false // dropping it could drop an effect
		}
	}
	if is, isCallNode := cand.node.(*ast.CallExpr); isCallNode && c.lastUseOfPackage(is) {
		fixable = false // the errors import would be left unused
	}
	return isCall, fixText, true, fixable
}

// lastUseOfPackage reports whether the package that call's function is
// qualified by (errors in errors.Is) is used nowhere else in its file.
func (c *checker) lastUseOfPackage(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	pkgName, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName)
	if !ok {
		return false
	}
	file := fixutil.FileOf(c.pass.Files, call.Pos())
	if file == nil {
		return true
	}
	uses := 0
	ast.Inspect(file, func(n ast.Node) bool {
		if x, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[x] == pkgName {
			uses++
		}
		return uses < 2
	})
	return uses < 2
}

// isPredicate reports whether fn is func(error) bool.
func isPredicate(fn *types.Func) bool {
	sig := fn.Signature()
	return sig.Params().Len() == 1 && typesutil.IsError(sig.Params().At(0).Type()) &&
		sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.Bool])
}
