package resolver // want package:"registers=false"

// resolver is the fork's warden resolver registry.

import "example.com/fork/fork/pkg/naming/discovery"

func Register(b discovery.Builder) {}
