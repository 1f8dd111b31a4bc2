package unhandlederror

import (
	"go/ast"
	"go/types"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

// This file decides which fixes the enclosing code allows.
//
// A "log it" fix logs with the logger the enclosing code logs with. Code
// that logs with a leveled logger of its own (a zap.Logger, a logrus or
// slog logger kept in a field) gets no fix that logs with the standard
// log package, even where the file imports it for something else: its
// operators read the other log. Code that logs errors with a leveled
// logging package's functions (go-zero's logx.Errorf) gets a fix that
// logs with that package's Errorf, where it takes a format and its
// arguments (go-zero's logc.Errorf takes a context first: no fix).
//
// No fix is offered for a registration in another package's
// process-wide registry (zap.RegisterSink): its error is expected when
// the code runs again.
//
// A "return it" fix is not offered where the callee gives a usable result
// even when it fails (a fallback), nor where the function's error result is
// already set before the call: the function has decided its outcome
// (err = ecode.RequestErr, err = conn.SetContext(…)), and the call is a
// follow-up (a best-effort replication, releasing a pooled connection).
// Returning the call's error would report a failure of work that was
// done, or replace the error the function set.

// A logUse is what a function body logs with.
type logUse struct {
	pkgs    []string // import paths of the log packages whose functions it calls
	leveled []string // import paths of leveled logging packages whose Errorf it calls (go-zero's logx)
	other   bool     // it calls a leveled logger's methods, or a leveled package's functions but not its Errorf
}

// A logFunc is a package-level function a fix may log an error with.
type logFunc struct {
	path string // the package's import path
	name string // Printf, Error, Errorf
}

// errorLoggers returns the functions a fix in the function at fnCur of
// file may log with, best first: the ones of the enclosing declaration's
// logger, else, where it logs with nothing, those of the file's (a
// leveled logging package it calls, else the standard log or the
// framework's log that it imports). A leveled package's Errorf comes
// before the standard log: in go-zero's natsq consumer, whose errors go
// to logx.Errorf beside a log.Fatalf, operators read logx. None where the
// code logs with a leveled logger's methods (a zap.Logger in a field).
func (c *checker) errorLoggers(fnCur inspector.Cursor, file *ast.File) []logFunc {
	decl := fnCur.Node()
	for cur := range fnCur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = cur.Node() // the whole declaration: literals in it log as it does
		break
	}
	u := c.logsWith(decl)
	if u.other {
		return nil
	}
	anyImported := false
	if len(u.pkgs) == 0 && len(u.leveled) == 0 {
		if u = c.logsWith(file); u.other {
			return nil
		}
		anyImported = len(u.leveled) == 0 // the declaration logs with nothing, nor does the file with a leveled package
	}
	var out []logFunc
	for _, path := range u.leveled {
		out = append(out, logFunc{path, "Errorf"})
	}
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue // malformed import
		}
		if !anyImported && !slices.Contains(u.pkgs, path) {
			continue // not what the enclosing code logs with
		}
		switch {
		case c.opts.FrameworkPackage(path, "log"):
			out = append(out, logFunc{path, "Error"})
		case path == "log":
			out = append(out, logFunc{path, "Printf"})
		}
	}
	return out
}

// logsWith returns what n logs with.
func (c *checker) logsWith(n ast.Node) logUse {
	var u logUse
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := typesutil.Callee(c.info, call)
		if fn == nil || fn.Pkg() == nil {
			return true
		}
		path := fn.Pkg().Path()
		switch recv := fn.Signature().Recv(); {
		case recv == nil && (path == "log" || c.opts.FrameworkPackage(path, "log")):
			if !slices.Contains(u.pkgs, path) {
				u.pkgs = append(u.pkgs, path)
			}
		case recv == nil && leveled[fn.Name()] && fn.Pkg() != c.pass.Pkg && isLeveledPackage(fn.Pkg()):
			if !isPrintf(fn.Pkg().Scope().Lookup("Errorf")) {
				u.other = true // slog.Error, logc.Errorf(ctx, …): no Errorf(format, args…)
			} else if !slices.Contains(u.leveled, path) {
				u.leveled = append(u.leveled, path)
			}
		case recv != nil && path != "log" && leveled[fn.Name()] && isLeveledLogger(recv.Type()):
			u.other = true
		}
		return true
	})
	return u
}

// isPrintf reports whether obj is a function of a format string and
// variadic arguments, as log.Printf is (logc.Errorf takes a context
// first).
func isPrintf(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	if sig.Params().Len() != 2 || !sig.Variadic() {
		return false
	}
	b, ok := sig.Params().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// isLeveledPackage reports whether pkg's package-level functions log at
// levels, as isLeveledLogger's methods do (go-zero's logx, logrus,
// log/slog).
func isLeveledPackage(pkg *types.Package) bool {
	return logsAtLevels(func(names ...string) bool {
		for _, name := range names {
			if _, ok := pkg.Scope().Lookup(name).(*types.Func); !ok {
				return false
			}
		}
		return true
	})
}

// leveled are the method names of leveled loggers.
var leveled = map[string]bool{
	"Debug": true, "Info": true, "Warn": true, "Error": true, "Fatal": true, "Panic": true,
	"Debugf": true, "Infof": true, "Warnf": true, "Errorf": true, "Debugw": true, "Infow": true, "Warnw": true, "Errorw": true,
}

// isLeveledLogger reports whether values of type t log at levels: they
// have Info and Error methods and Warn or Debug (zap, logrus, slog and
// the like), or the same with an f suffix.
func isLeveledLogger(t types.Type) bool {
	return logsAtLevels(func(names ...string) bool { return hasMethods(t, names...) })
}

// logsAtLevels reports whether a logger logs at levels, given has, which
// says whether it has functions (a package) or methods (a type) of all
// the names: Info and Error, and Warn or Debug, or the same with an f
// suffix.
func logsAtLevels(has func(names ...string) bool) bool {
	return has("Info", "Error") && (has("Warn") || has("Debug")) ||
		has("Infof", "Errorf") && (has("Warnf") || has("Debugf"))
}

// registersProcessWide reports whether call registers something in
// another package's process-wide registry: a package-level function
// named Register or Register… (zap.RegisterSink, prometheus.Register).
// Such a registry refuses a second registration under the same name, so
// in a function that runs more than once the error is expected from the
// second run on: etcd's setupLogRotation runs for every server the
// process starts. Returning it would fail the second server's start, and
// logging it would log that on every start; the right change (register
// once, or accept "already registered") is the maintainer's.
func (c *checker) registersProcessWide(call *ast.CallExpr) bool {
	fn := typesutil.Callee(c.info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg || fn.Signature().Recv() != nil {
		return false
	}
	name := fn.Name()
	rest, ok := strings.CutPrefix(name, "Register")
	return ok && (rest == "" || unicode.IsUpper([]rune(rest)[0]))
}

// fallsBackOnFailure reports whether call's callee gives a usable result
// even when it fails (st.WithDetails(d) hands back st, with the details it
// could add): the caller may go on, and returning the error would turn a
// partial success into a failure.
func (c *checker) fallsBackOnFailure(call *ast.CallExpr) bool {
	s := c.summaryOf(typesutil.Callee(c.info, call))
	return s != nil && s.fallback != 0
}

// outcomeDecided reports whether the function fn has set the error it
// returns before stmt: its named error result is assigned before stmt and
// what it holds after stmt may be returned (err = ecode.RequestErr; …;
// return), or stmt is followed by a return of an error variable assigned
// before it (err = f.Sync(); f.Close(); return err).
func (c *checker) outcomeDecided(fn, stmt ast.Node) bool {
	res, ok := typesutil.ResultsOf(c.info, fn)
	if !ok || !typesutil.ReturnsError(res) {
		return false
	}
	st, ok := stmt.(ast.Stmt)
	if !ok {
		return false
	}
	if errVar := res.At(res.Len() - 1); errVar.Name() != "" && c.assignedBefore(fn, stmt, errVar) {
		return c.flowOf(fn).After(errVar, stmt).Read && !c.checkedBefore(fn, st, errVar)
	}
	ret, ok := nextStmt(fn, stmt).(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return false
	}
	v := typesutil.LocalVar(c.info, ast.Unparen(ret.Results[len(ret.Results)-1]))
	return v != nil && typesutil.IsError(v.Type()) && c.assignedBefore(fn, stmt, v) && !c.checkedBefore(fn, st, v)
}

// assignedBefore reports whether v is assigned in fn's body before stmt
// (outside function literals).
func (c *checker) assignedBefore(fn, stmt ast.Node, v *types.Var) bool {
	assigned := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if assigned || n == nil || n.Pos() >= stmt.Pos() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == fn
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if typesutil.ObjectOf(c.info, l) == v {
					assigned = true
				}
			}
		}
		return true
	})
	return assigned
}

// nextStmt returns the statement after stmt in its block or case body in
// fn, or nil.
func nextStmt(fn, stmt ast.Node) ast.Stmt {
	var next ast.Stmt
	ast.Inspect(fn, func(n ast.Node) bool {
		if next != nil {
			return false
		}
		list, _ := typesutil.StmtList(n)
		for i, s := range list {
			if s == stmt && i+1 < len(list) {
				next = list[i+1]
			}
		}
		return true
	})
	return next
}
