// Package resolver is a stub of go-common library/net/rpc/warden/resolver.
package resolver

import "go-common/library/naming"

func Register(b naming.Builder) {}
