// Package proto stands in for a protobuf runtime's proto package.
package proto

type Message interface{ ProtoMessage() }

// Clone returns a deep copy of m, of m's type.
func Clone(m Message) Message { return m }
