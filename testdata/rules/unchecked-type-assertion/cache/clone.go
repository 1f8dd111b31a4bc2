package cache

import "example.com/uta/proto"

type Snapshot struct{ Index uint64 }

func (*Snapshot) ProtoMessage() {}

type Other struct{}

func (*Other) ProtoMessage() {}

func copySnapshot(s *Snapshot) *Snapshot {
	return proto.Clone(s).(*Snapshot) // Clone returns a message of its argument's type
}

func copyAs(m proto.Message) *Other {
	return proto.Clone(m).(*Other) /* information */ // want `unchecked type assertion proto.Clone\(m\).\(\*Other\)`
}
