package deadlock

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"golang.org/x/tools/go/cfg"
)

// flags are the values of local boolean variables that a path has set to
// constants: `locked = true` after a Lock makes `if locked { Unlock }`
// certain on that path. Following them keeps the walk from paths that
// cannot happen. The map is never modified; with returns a copy.
type flags map[*types.Var]bool

// maxFlags bounds the variables followed, and so the states per block.
const maxFlags = 4

func (fl flags) with(v *types.Var, val bool, known bool) flags {
	if old, ok := fl[v]; ok == known && (!known || old == val) {
		return fl
	}
	if known && len(fl) >= maxFlags {
		return fl
	}
	out := make(flags, len(fl)+1)
	for k, x := range fl {
		out[k] = x
	}
	if known {
		out[v] = val
	} else {
		delete(out, v)
	}
	return out
}

func (fl flags) key() string {
	var parts []string
	for v, val := range fl {
		parts = append(parts, fmt.Sprintf("%d=%t", v.Pos(), val))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// assign returns the flags after node n.
func (f *function) assign(fl flags, n ast.Node) flags {
	as, ok := n.(*ast.AssignStmt)
	if !ok || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return fl
	}
	for i, lhs := range as.Lhs {
		id, ok := lhs.(*ast.Ident)
		if !ok {
			continue // not a variable
		}
		v, ok := f.info.ObjectOf(id).(*types.Var)
		if !ok || v == nil || v.IsField() {
			continue // not a local variable
		}
		if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
			continue // not a boolean
		}
		val, known := false, false
		if len(as.Lhs) == len(as.Rhs) {
			if tv := f.info.Types[as.Rhs[i]]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
				val, known = constant.BoolVal(tv.Value), true
			}
		}
		if _, followed := fl[v]; known || followed {
			fl = fl.with(v, val, known)
		}
	}
	return fl
}

// eval returns the value of a condition under fl, if the flags decide it.
func (f *function) eval(fl flags, cond ast.Expr) (val, known bool) {
	switch e := ast.Unparen(cond).(type) {
	case *ast.Ident:
		if v, ok := f.info.Uses[e].(*types.Var); ok {
			val, known = fl[v]
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			val, known = f.eval(fl, e.X)
			val = !val
		}
	}
	return val, known
}

// walkFlags is syncflow.Graph.Walk that follows flags: from the node
// after start (or the start of block from, when it is not nil), with the
// flags set by the nodes of the start block before start.
func (f *function) walkFlags(start syncflow.Loc, from *cfg.Block, visit func(n ast.Node) bool) {
	type item struct {
		b  *cfg.Block
		i  int
		fl flags
	}
	var init flags
	var stack []item
	seen := make(map[string]bool)
	if from != nil {
		stack = append(stack, item{from, 0, init})
		seen[fmt.Sprint(from.Index, "|")] = true
	} else {
		for _, n := range start.Block.Nodes[:start.Index] {
			init = f.assign(init, n)
		}
		stack = append(stack, item{start.Block, start.Index + 1, init})
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fl := it.fl
		cont := true
		for i := it.i; i < len(it.b.Nodes); i++ {
			n := it.b.Nodes[i]
			if !visit(n) {
				cont = false
				break
			}
			fl = f.assign(fl, n)
		}
		if !cont {
			continue // the path ended in the block
		}
		succs := it.b.Succs
		if len(succs) == 2 && len(it.b.Nodes) > 0 {
			if cond, ok := it.b.Nodes[len(it.b.Nodes)-1].(ast.Expr); ok {
				if val, known := f.eval(fl, cond); known {
					if val {
						succs = succs[:1]
					} else {
						succs = succs[1:]
					}
				}
			}
		}
		for _, s := range succs {
			k := fmt.Sprint(s.Index, "|", fl.key())
			if !seen[k] {
				seen[k] = true
				stack = append(stack, item{s, 0, fl})
			}
		}
	}
}
