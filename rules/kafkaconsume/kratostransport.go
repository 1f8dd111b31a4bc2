package kafkaconsume

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/gopitfalls/gopitfalls/rules/internal/typesutil"
	"golang.org/x/tools/go/ast/inspector"
)

// isKafkaBroker reports whether the package shows that b, a
// kratos-transport broker.Broker, is the Kafka broker: a
// transport/kafka.Server (it embeds one), or a variable or field to
// which the package assigns only broker/kafka.NewBroker or
// transport/kafka.NewServer results.
func (c *checker) isKafkaBroker(b ast.Expr) bool {
	if typesutil.IsNamed(c.pass.TypesInfo.TypeOf(b), transportServerPkg, "Server") {
		return true
	}
	srcs, ok := c.orig.sources(b)
	if !ok {
		return false
	}
	for _, s := range srcs {
		if c.brokerConstructor(s) == nil {
			return false
		}
	}
	return true
}

// brokerConstructor returns e if it is a call of broker/kafka.NewBroker
// or transport/kafka.NewServer.
func (c *checker) brokerConstructor(e ast.Expr) *ast.CallExpr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	if typesutil.IsFunc(fn, transportKafka, "NewBroker") || typesutil.IsFunc(fn, transportServerPkg, "NewServer") {
		return call
	}
	return nil
}

// A queue says what a subscription's options show of its queue name
// (for Kafka, the consumer group).
type queue int

const (
	queueUnknown queue = iota // options this package cannot see
	queueMissing              // no queue option
	queueEmpty                // a constant empty name
	queueNamed                // a name
)

// checkSubscribe checks a subscription to a Kafka broker: Broker.Subscribe
// (also through a transport/kafka.Server), the generic broker.Subscribe,
// and transport/kafka's RegisterSubscriber method and function.
func (c *checker) checkSubscribe(call *ast.CallExpr, fn *types.Func) {
	sig := fn.Signature()
	var target ast.Expr // the broker or server
	if sig.Recv() != nil {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return
		}
		target = sel.X
	} else if len(call.Args) > 0 {
		target = call.Args[0]
	}
	if target == nil || !c.isKafkaBroker(target) {
		return // another broker, or one made out of sight
	}
	q := c.queueParam(call, sig)
	if q == queueUnknown || q == queueMissing {
		q = c.queueOption(call, sig)
	}
	switch q {
	case queueMissing:
		msgSubscribeNoQueue.Report(c.pass, call, fn.Name())
	case queueEmpty:
		msgSubscribeEmptyQueue.Report(c.pass, call, fn.Name())
	}
}

// queueParam returns what the argument of a `queue` or `groupName`
// string parameter shows (RegisterSubscriber's queue).
func (c *checker) queueParam(call *ast.CallExpr, sig *types.Signature) queue {
	params := sig.Params()
	for i := 0; i < params.Len() && i < len(call.Args); i++ {
		p := params.At(i)
		if b, ok := p.Type().(*types.Basic); !ok || b.Kind() != types.String || p.Name() != "queue" && p.Name() != "groupName" {
			continue
		}
		tv := c.pass.TypesInfo.Types[call.Args[i]]
		if tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == "" {
			return queueEmpty
		}
		return queueNamed
	}
	return queueMissing
}

// queueOption returns what the variadic SubscribeOption arguments show.
func (c *checker) queueOption(call *ast.CallExpr, sig *types.Signature) queue {
	if !sig.Variadic() {
		return queueUnknown
	}
	if call.Ellipsis.IsValid() {
		return queueUnknown // options from a slice
	}
	q := queueMissing
	for _, a := range call.Args[sig.Params().Len()-1:] {
		opt, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			return queueUnknown // an option held in a variable
		}
		fn := typesutil.Callee(c.pass.TypesInfo, opt)
		if fn == nil || fn.Pkg() == nil || !strings.HasPrefix(fn.Pkg().Path(), "github.com/tx7do/kratos-transport/") {
			return queueUnknown // an option made by the program: it may name the queue
		}
		if !strings.HasSuffix(fn.Name(), "QueueName") || len(opt.Args) != 1 {
			continue // another of the library's options
		}
		tv := c.pass.TypesInfo.Types[opt.Args[0]]
		if tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == "" {
			q = queueEmpty
		} else {
			return queueNamed
		}
	}
	return q
}

// checkPublish reports Publish on a Kafka broker whose writer is
// asynchronous (the default) where the program checks the error: the
// write's failures never reach it.
func (c *checker) checkPublish(cur inspector.Cursor, call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !c.errorChecked(cur) {
		return // the error is dropped: nothing relies on it
	}
	if !c.isKafkaBroker(sel.X) || !c.asyncWriter(sel.X) {
		return
	}
	msgPublishAsync.Report(c.pass, call, types.ExprString(sel.X))
}

// errorChecked reports whether the error a call returns is kept: not
// dropped by an expression statement or a blank assignment.
func (c *checker) errorChecked(cur inspector.Cursor) bool {
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt, *ast.GoStmt, *ast.DeferStmt:
		return false
	case *ast.AssignStmt:
		return len(p.Lhs) != 1 || !isBlank(p.Lhs[0])
	}
	return true
}

// asyncWriter reports whether every constructor of the broker b (and
// every Init call on it) visibly leaves its writer asynchronous: no
// kafka.WithAsync(false), WithCompletion or WithWriterConfig among
// options the package can all see.
func (c *checker) asyncWriter(b ast.Expr) bool {
	var opts []ast.Expr
	if srcs, ok := c.orig.sources(b); ok {
		for _, s := range srcs {
			call := c.brokerConstructor(s)
			if call == nil || call.Ellipsis.IsValid() {
				return false
			}
			o, ok := c.brokerOptions(call)
			if !ok {
				return false
			}
			opts = append(opts, o...)
		}
	} else {
		return false // a server or broker made out of sight
	}
	for _, init := range c.orig.methodCalls(b, "Init") {
		if init.Ellipsis.IsValid() {
			return false
		}
		opts = append(opts, init.Args...)
	}
	for _, o := range opts {
		call, ok := ast.Unparen(o).(*ast.CallExpr)
		if !ok {
			return false // an option held in a variable
		}
		fn := typesutil.Callee(c.pass.TypesInfo, call)
		if fn == nil || fn.Pkg() == nil || !strings.HasPrefix(fn.Pkg().Path(), "github.com/tx7do/kratos-transport/") {
			return false // an option made by the program
		}
		switch fn.Name() {
		case "WithAsync", "WithCompletion", "WithWriterConfig":
			if fn.Pkg().Path() == transportKafka {
				return false // the writer is set up by hand
			}
		}
	}
	return true
}

// brokerOptions returns the broker options a constructor call passes:
// NewBroker's arguments, or those of NewServer's WithBrokerOptions.
func (c *checker) brokerOptions(call *ast.CallExpr) ([]ast.Expr, bool) {
	fn := typesutil.Callee(c.pass.TypesInfo, call)
	if typesutil.IsFunc(fn, transportKafka, "NewBroker") {
		return call.Args, true
	}
	var opts []ast.Expr
	for _, a := range call.Args {
		so, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			return nil, false
		}
		sfn := typesutil.Callee(c.pass.TypesInfo, so)
		switch {
		case typesutil.IsFunc(sfn, transportServerPkg, "WithBrokerOptions"):
			if so.Ellipsis.IsValid() {
				return nil, false
			}
			opts = append(opts, so.Args...)
		case sfn != nil && sfn.Pkg() != nil && sfn.Pkg().Path() == transportServerPkg:
			// another server option: it does not touch the writer
		default:
			return nil, false
		}
	}
	return opts, true
}
