// Package goerrgroup defines the go-errgroup rule: goroutines started with
// a bare go statement lose their errors (nothing returns them to anyone)
// and crash the whole process when they panic; the team's notes ask for
// errgroup instead ("并发不用go关键字 … 子进程可能会err").
//
// A warning claims that an error is lost, and is given only where the go
// statement itself is the reason:
//
//   - `go f()` where f returns an error: the go statement throws it away.
//     A function that serves a listener it is given (`go srv.Serve(l)`,
//     gRPC's Serve(lis)) is the exception: it returns only when the
//     listener is closed, and its error says no more than that;
//   - a function literal that looks at an error only to give up silently
//     (`if err != nil { return }` with nothing else in the branch, or
//     `if err == nil { … }` without an else), so that the error dies with
//     the goroutine. A return or break that ends an endless loop of the
//     goroutine (`for { … }`, a range over a channel) is how a
//     connection's or a worker's loop ends, not a lost error.
//
// Errors dropped by a call statement in the goroutine (`s.Set(v)`) or
// assigned to a variable nothing reads are the unhandled-error rule's
// findings, reported at the call: this rule does not report them again
// (one diagnostic per mistake, by the rule that explains it, where it is
// made), though its fix still returns them to the errgroup.
//
// Every other go statement is information, with what is true of it: a
// fan-out (a go statement in a finite loop of the same function: a range
// over anything but a channel, or a for loop with a condition) joined
// after the loop by a sync.WaitGroup or a channel, joined elsewhere (a
// WaitGroup field that the goroutine's code signals and another function
// of the package waits on, as a Stop or Close does), or not joined; a
// single goroutine, or one per connection or message. What the message
// then says is that a panic in the goroutine crashes the process. Where
// the goroutine's code recovers panics (a recover in it or in a function
// of the package it calls, as kratos' errgroup and fanout do) and drops
// no error, nothing is reported: the code shows it has dealt with both.
//
// Calls to errgroup's g.Go (x/sync or kratos) are not go statements and
// are never reported.
//
// The fix rewrites a fan-out to errgroup (see fix.go) only where that
// improves something: an error the goroutines drop now reaches Wait, and
// Wait's error is returned, logged or fails the test; or the target is
// the kratos errgroup, whose Go recovers panics into the error Wait
// returns. x/sync's errgroup does not recover panics, so a WaitGroup loop
// whose goroutines lose no error gets no x/sync rewrite.
package goerrgroup

import (
	"embed"
	"fmt"
	"go/ast"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the go-errgroup rule.
var Rule = rule.Define(rule.Spec{
	ID:       "go-errgroup",
	InTests:  rule.Information, // tests start goroutines to exercise concurrency
	Severity: rule.Warning,
	Since:    "v0.1.0",
	Fixes:    true,
	Notes:    notes,
	Messages: messages,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

func run(pass *analysis.Pass, opts *rule.Options) error {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := newChecker(pass, insp)
	mods := newShared(pass)
	for cur := range insp.Root().Preorder((*ast.GoStmt)(nil)) {
		gs := cur.Node().(*ast.GoStmt)
		if isCloser(pass.TypesInfo, gs) {
			continue // go func() { wg.Wait(); close(ch) }(): nothing in it can fail or panic
		}
		fnCur, ok := typesutil.OuterFunc(cur)
		if !ok {
			continue // not in a function: the code does not compile
		}
		l := c.launchOf(cur, fnCur)
		drop := c.droppedError(gs)
		if !drop.claimed() && c.recovers(gs) {
			continue // loses no error and recovers its panics: nothing to say
		}
		d := analysis.Diagnostic{Pos: gs.Pos(), End: gs.Call.Lparen}
		if lit, ok := gs.Call.Fun.(*ast.FuncLit); ok {
			d.End = lit.Type.End()
		}
		sev := rule.Warning
		d.Message = message(gs, l, drop)
		if !drop.claimed() {
			sev = rule.Information // the goroutine loses no error of its own: only a panic is at stake
		}
		if fix, ok := suggestFix(pass, opts, mods, cur, fnCur, l); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		rule.ReportAt(pass, sev, d)
	}
	return nil
}

// message says what the go statement gs, launched as l, does wrong.
func message(gs *ast.GoStmt, l launch, drop drop) string {
	switch {
	case drop.claimed() && l.join != nil:
		return fmt.Sprintf("goroutines fanned out in a loop and %s drop the error of %s; use errgroup so it reaches the caller", l.join.describe(), drop.call)
	case drop.claimed() && l.remote != nil:
		return fmt.Sprintf("goroutines fanned out in a loop and %s drop the error of %s; it reaches no one", l.remote.describe(), drop.call)
	case drop.claimed() && l.fan.Valid():
		return fmt.Sprintf("goroutines fanned out in a loop drop the error of %s; nothing waits for them and the error reaches no one", drop.call)
	case drop.claimed():
		return fmt.Sprintf("goroutine drops the error of %s; no one sees it fail", drop.call)
	case l.join != nil:
		return fmt.Sprintf("goroutines fanned out in a loop and %s; a panic in one crashes the process", l.join.describe())
	case l.remote != nil:
		return fmt.Sprintf("goroutines fanned out in a loop and %s; a panic in one crashes the process", l.remote.describe())
	case l.fan.Valid():
		return "goroutines fanned out in a loop; a panic in one crashes the process"
	}
	return fmt.Sprintf("go %s: a panic in the goroutine crashes the process", callName(gs.Call))
}

// callName names the function a go statement starts, for messages.
func callName(call *ast.CallExpr) string {
	if _, ok := call.Fun.(*ast.FuncLit); ok {
		return "func literal"
	}
	return types.ExprString(call.Fun) + "()"
}
