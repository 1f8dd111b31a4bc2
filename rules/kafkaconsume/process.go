package kafkaconsume

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

// processedAfter returns the first place, in the statements that follow
// stmt up to the end of stop (the loop body or the function body that
// holds it), where the message in v is processed: its Value, Key or
// Headers read, or v itself passed on, assigned or sent. Logging it is
// not processing it, nor are the consumer's own calls on it (commit,
// mark).
func (c *checker) processedAfter(stmt inspector.Cursor, v *types.Var, stop ast.Node) ast.Node {
	var found ast.Node
	for cur := stmt; cur.Node() != nil && cur.Node() != stop; cur = cur.Parent() {
		for _, s := range followingStmts(cur) {
			if found = c.processingIn(s, v); found != nil {
				return found
			}
		}
		if _, ok := cur.Node().(*ast.FuncLit); ok {
			break
		}
	}
	return nil
}

// followingStmts returns the statements after cur in the list that holds
// it, if any.
func followingStmts(cur inspector.Cursor) []ast.Stmt {
	var list []ast.Stmt
	switch p := cur.Parent().Node().(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
		if p.Comm == cur.Node() {
			return list // the receive of a select case: its body follows
		}
	}
	for i, s := range list {
		if s == cur.Node() {
			return list[i+1:]
		}
	}
	return nil
}

// processingIn returns the first place in n that processes v's message.
func (c *checker) processingIn(n ast.Node, v *types.Var) ast.Node {
	info := c.pass.TypesInfo
	var found ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		if found != nil || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if typesutil.ObjectOf(info, n.X) == v {
				switch n.Sel.Name {
				case "Value", "Key", "Headers":
					found = n
				}
			}
		case *ast.CallExpr:
			fn := typesutil.Callee(info, n)
			if isLogging(fn) || isConsumerCall(fn) {
				return false // logging the message, or committing it
			}
			for _, a := range n.Args {
				if typesutil.ObjectOf(info, a) == v {
					found = a
				}
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if typesutil.ObjectOf(info, r) == v {
					found = r
				}
			}
		case *ast.SendStmt:
			if typesutil.ObjectOf(info, n.Value) == v {
				found = n.Value
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				if typesutil.ObjectOf(info, e) == v {
					found = e
				}
			}
		}
		return found == nil
	})
	return found
}

// loggingNames are the names of the functions and methods of logging
// packages (the standard library's, zap, logrus, Kratos' log and the
// like) that print their arguments.
var loggingNames = map[string]bool{
	"Print": true, "Printf": true, "Println": true,
	"Debug": true, "Debugf": true, "Debugw": true, "Info": true, "Infof": true, "Infow": true,
	"Warn": true, "Warnf": true, "Warnw": true, "Warning": true, "Warningf": true,
	"Error": true, "Errorf": true, "Errorw": true, "Log": true, "Logf": true, "Logw": true,
	"Sprint": true, "Sprintf": true, "Sprintln": true,
}

// isLogging reports whether fn prints or logs its arguments (fmt.Errorf
// wraps them, which is not processing them either).
func isLogging(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "fmt" {
		return true
	}
	return loggingNames[fn.Name()] || strings.HasPrefix(fn.Name(), "Fatal") || strings.HasPrefix(fn.Name(), "Panic")
}

// isConsumerCall reports whether fn is a consumer's own call on a
// message: kafka-go's CommitMessages, sarama's MarkMessage and
// MarkOffset.
func isConsumerCall(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch path := fn.Pkg().Path(); {
	case path == kafkaGoPath:
		return fn.Name() == "CommitMessages"
	case saramaPaths[path]:
		return fn.Name() == "MarkMessage" || fn.Name() == "MarkOffset" || fn.Name() == "ResetOffset"
	}
	return false
}
