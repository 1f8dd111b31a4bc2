package kafkaconsume

import (
	"embed"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gopitfalls/gopitfalls/rules/internal/syncflow"
	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

//go:embed note.en.md note.zh.md
var notes embed.FS

// Rule is the kafka-consume rule.
var Rule = rule.Define(rule.Spec{
	ID:       "kafka-consume",
	Severity: rule.Warning,
	InTests:  rule.Information, // tests run against a throwaway broker
	Since:    "v0.2.0",
	Fixes:    true,
	Notes:    notes,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

// Analyzer is the rule's analyzer with the default options.
var Analyzer = Rule.Analyzer

// The import paths of the libraries, matched exactly.
const (
	kafkaGoPath        = "github.com/segmentio/kafka-go"
	transportBroker    = "github.com/tx7do/kratos-transport/broker"
	transportKafka     = "github.com/tx7do/kratos-transport/broker/kafka"
	transportServerPkg = "github.com/tx7do/kratos-transport/transport/kafka"
)

// saramaPaths are the import paths of sarama: IBM's, and Shopify's before
// the move.
var saramaPaths = map[string]bool{"github.com/IBM/sarama": true, "github.com/Shopify/sarama": true}

func run(pass *analysis.Pass, opts *rule.Options) error {
	if pass.TypesInfo == nil {
		return nil // no types: the libraries cannot be recognised
	}
	if !importsLibrary(pass.Pkg) {
		return nil // none of the libraries is used here
	}
	c := &checker{
		pass:     pass,
		inspect:  pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		flow:     syncflow.NewBuilder(pass.TypesInfo, pass.Files),
		orig:     collectOrigins(pass.TypesInfo, pass.Files),
		visiting: make(map[*ast.FuncDecl]bool),
	}
	for cur := range c.inspect.Root().Preorder((*ast.UnaryExpr)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.UnaryExpr:
			if n.Op != token.ARROW || !isSaramaMessageChan(pass.TypesInfo.TypeOf(n.X)) {
				continue // not a receive of sarama messages
			}
			c.checkSaramaReceive(cur, n)
		case *ast.CallExpr:
			c.checkCall(cur, n)
		}
	}
	return nil
}

// checkCall dispatches a call of one of the libraries' APIs to its check.
func (c *checker) checkCall(cur inspector.Cursor, call *ast.CallExpr) {
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return
	}
	path, recv := fn.Pkg().Path(), recvName(fn)
	switch {
	case path == kafkaGoPath && recv == "Reader":
		switch fn.Name() {
		case "ReadMessage", "FetchMessage":
			c.checkRead(cur, call, fn.Name())
		case "CommitMessages":
			c.checkCommitMessages(call)
		}
	case saramaPaths[path]:
		switch {
		case recv == "ConsumerGroupSession" && fn.Name() == "MarkMessage":
			c.checkMark(cur, call)
		case recv == "ConsumerGroup" && fn.Name() == "Consume":
			c.checkConsume(cur, call)
		}
	case path == transportBroker && recv == "Broker" && fn.Name() == "Subscribe",
		path == transportBroker && recv == "" && fn.Name() == "Subscribe",
		path == transportServerPkg && fn.Name() == "RegisterSubscriber":
		c.checkSubscribe(call, fn)
	case path == transportBroker && recv == "Broker" && fn.Name() == "Publish":
		c.checkPublish(cur, call)
	}
}

type checker struct {
	pass     *analysis.Pass
	inspect  *inspector.Inspector
	flow     *syncflow.Builder // control-flow graphs, by function
	orig     *origins          // what the package assigns to its variables and fields
	visiting map[*ast.FuncDecl]bool
}

// importsLibrary reports whether pkg imports kafka-go, sarama or
// kratos-transport.
func importsLibrary(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		switch p := imp.Path(); {
		case p == kafkaGoPath, saramaPaths[p], p == transportBroker, p == transportKafka, p == transportServerPkg:
			return true
		}
	}
	return false
}

// recvName returns the name of the type of fn's receiver ("" for a
// function).
func recvName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	if n := typesutil.NamedOf(recv.Type()); n != nil {
		return n.Obj().Name()
	}
	return ""
}

// isSaramaMessageChan reports whether t is a channel of sarama's
// *ConsumerMessage.
func isSaramaMessageChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	n := typesutil.NamedOf(ch.Elem())
	return n != nil && n.Obj().Name() == "ConsumerMessage" && n.Obj().Pkg() != nil && saramaPaths[n.Obj().Pkg().Path()]
}

// loopBody returns the body of a for or range statement.
func loopBody(loop ast.Node) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}
