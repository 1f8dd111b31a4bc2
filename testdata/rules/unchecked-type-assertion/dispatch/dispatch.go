// Package dispatch holds shapes where the producer's contract, inside the
// package, fixes the type across a call.
package dispatch

import (
	"context"

	"example.com/uta/registry"
)

type Message interface{ ProtoMessage() }

type PutRequest struct{}
type PutResponse struct{}
type RangeResponse struct{}
type ConfChangeResponse struct{}

func (*PutResponse) ProtoMessage()        {}
func (*RangeResponse) ProtoMessage()      {}
func (*ConfChangeResponse) ProtoMessage() {}

type InternalRequest struct {
	Put   *PutRequest
	Range *PutRequest
}

type Server struct {
	w registry.Wait
}

func (s *Server) request(ctx context.Context, r *InternalRequest) (Message, error) {
	return registry.Apply(r).Resp.(Message), nil /* information */ // want `unchecked type assertion registry.Apply\(r\).Resp.\(Message\)`
}

// Each call site asserts the response type of the request it built.
func (s *Server) Put(ctx context.Context, r *PutRequest) (*PutResponse, error) {
	resp, err := s.request(ctx, &InternalRequest{Put: r})
	if err != nil {
		return nil, err
	}
	return resp.(*PutResponse), nil /* information */ // want `unchecked type assertion resp.\(\*PutResponse\)`
}

func (s *Server) Range(ctx context.Context, r *PutRequest) (*RangeResponse, error) {
	resp, err := s.request(ctx, &InternalRequest{Range: r})
	if err != nil {
		return nil, err
	}
	return resp.(*RangeResponse), nil /* information */ // want `unchecked type assertion resp.\(\*RangeResponse\)`
}

// A wait registry the package triggers with values of two types, keyed
// by the request's id.
func (s *Server) apply(id uint64, res *registry.Result) { s.w.Trigger(id, res) }

func (s *Server) confChanged(id uint64) { s.w.Trigger(id, &ConfChangeResponse{}) }

func (s *Server) ConfChange(id uint64) (*ConfChangeResponse, error) {
	ch := s.w.Register(id)
	x := <-ch
	return x.(*ConfChangeResponse), nil /* information */ // want `unchecked type assertion x.\(\*ConfChangeResponse\)`
}

// watcherSet values are all the tree ever holds.
type watcherSet map[string]struct{}

type group struct{ ranges registry.Tree }

func newGroup() *group { return &group{ranges: registry.NewTree()} }

func (g *group) add(key string) {
	if iv := g.ranges.Find(key); iv != nil {
		iv.Val.(watcherSet)[key] = struct{}{} // every value inserted is a watcherSet
		return
	}
	g.ranges.Insert(key, make(watcherSet))
}

func (g *group) all(key string) watcherSet {
	ret := make(watcherSet)
	for _, item := range g.ranges.Stab(key) {
		for k := range item.Val.(watcherSet) { // every value inserted is a watcherSet
			ret[k] = struct{}{}
		}
	}
	return ret
}

// A group whose New func, in this package, makes every value.
type Limiter interface{ Allow() bool }

type bbr struct{}

func (*bbr) Allow() bool { return true }

type Limiters struct{ group *registry.Group }

func NewLimiters() *Limiters {
	return &Limiters{group: registry.NewGroup(func() any { return &bbr{} })}
}

func (l *Limiters) Get(key string) Limiter {
	return l.group.Get(key).(Limiter) // New makes only *bbr, a Limiter
}

// An in-process stream: RecvMsg fills what it is given from a channel
// the other end sends on.
type chanStream struct{ recvc chan any }

func (s *chanStream) SendMsg(m any) error { s.recvc <- m; return nil }

func (s *chanStream) RecvMsg(m any) error {
	v := m.(*any) /* information */ // want `unchecked type assertion m.\(\*any\)`
	*v = <-s.recvc
	return nil
}

type leaseStream struct{ chanStream }

func (s *leaseStream) Recv() (*PutResponse, error) {
	var v any
	if err := s.RecvMsg(&v); err != nil {
		return nil, err
	}
	return v.(*PutResponse), nil /* information */ // want `unchecked type assertion v.\(\*PutResponse\)`
}

// A codec handed to a framework: its contract pins what Marshal gets.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	_ = v.(Message) /* information */ // want `unchecked type assertion v.\(Message\)`
	return nil, nil
}

// An unexported interface: its one implementation is the package's.
type index interface{ Equal(b index) bool }

type treeIndex struct{}

func (ti *treeIndex) Equal(bi index) bool {
	b := bi.(*treeIndex) /* information */ // want `unchecked type assertion bi.\(\*treeIndex\)`
	return ti == b
}

// Pausable is implemented by the only transport the package stores.
type Pausable interface{ Pause() }

type Transporter interface{ Send() }

type transport struct{}

func (*transport) Send()  {}
func (*transport) Pause() {}

type raftNode struct{ transport Transporter }

func start() *raftNode {
	r := &raftNode{}
	r.transport = &transport{}
	return r
}

func (r *raftNode) pause() {
	r.transport.(Pausable).Pause() // the only transport ever stored is a *transport
}
