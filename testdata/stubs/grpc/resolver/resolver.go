// Package resolver is a stub of google.golang.org/grpc/resolver.
package resolver

type Builder interface{ Scheme() string }

func Register(b Builder) {}
