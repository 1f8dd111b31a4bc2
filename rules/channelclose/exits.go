package channelclose

import (
	"go/ast"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

// skips reports whether jump, inserted just after (or before) stmt, the
// statement at stmtCur, would skip a cleanup (syncflow.SkipsCleanup).
func (c *checker) skips(stmtCur inspector.Cursor, stmt ast.Stmt, after bool, jump syncflow.Jump) bool {
	fnCur, ok := typesutil.EnclosingFunc(stmtCur)
	if !ok {
		return true
	}
	if c.exits == nil {
		c.exits = syncflow.NewBuilder(c.pass.TypesInfo, c.pass.Files)
	}
	return c.exits.SkipsCleanup(fnCur.Node(), stmt, after, jump)
}

// innermostFor returns the innermost for statement around cur.
func innermostFor(cur inspector.Cursor) (*ast.ForStmt, bool) {
	for c := range cur.Enclosing((*ast.ForStmt)(nil)) {
		return c.Node().(*ast.ForStmt), true
	}
	return nil, false
}
