package cache

import "log"

// Logger logs at levels, as a zap.Logger does.
type Logger struct{}

func (*Logger) Info(msg string, fields ...any)  {}
func (*Logger) Warn(msg string, fields ...any)  {}
func (*Logger) Error(msg string, fields ...any) {}

// Node logs with its own logger; the file imports the standard log only
// for a fatal error at start.
type Node struct {
	lg    *Logger
	apply func() error
}

// NewNode starts a node.
func NewNode(lg *Logger) *Node {
	if lg == nil {
		log.Fatalf("no logger")
	}
	return &Node{lg: lg}
}

// Run applies what arrives. No fix logs with the standard log: the node's
// operators read lg.
func (n *Node) Run(ch chan int) {
	go func() {
		for range ch {
			n.step() // want `error returned by n.step is not checked`
			n.lg.Info("applied")
		}
	}()
}

func (n *Node) step() error {
	return n.apply()
}
