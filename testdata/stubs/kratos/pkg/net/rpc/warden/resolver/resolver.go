// Package resolver is a stub of kratos pkg/net/rpc/warden/resolver.
package resolver

import "github.com/go-kratos/kratos/pkg/naming"

func Register(b naming.Builder) {}

func Set(b naming.Builder) {}
