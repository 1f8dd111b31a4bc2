package v2disc // want package:"registers=false"

// v2disc dials services with the Kratos v2 clients.

import (
	"context"

	"github.com/go-kratos/kratos/v2/registry"
	"github.com/go-kratos/kratos/v2/transport/grpc"
	"github.com/go-kratos/kratos/v2/transport/http"
	ggrpc "google.golang.org/grpc"
)

// NoDiscovery forgets the registry it was given: the fix passes it.
func NoDiscovery(ctx context.Context, r registry.Discovery) (*ggrpc.ClientConn, error) {
	return grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery:///user.service")) // want `grpc.DialInsecure dials "discovery:///user.service" without WithDiscovery: no resolver serves discovery://, so the dial succeeds and every call fails with "code = Unavailable … dial tcp: lookup tcp////user.service: unknown port"`
}

// NoDiscoveryLines is the kratos-layout shape, over several lines.
func NoDiscoveryLines(r registry.Discovery) (*ggrpc.ClientConn, error) {
	return grpc.Dial( // want `grpc.Dial dials "discovery:///user.service" without WithDiscovery`
		context.Background(),
		grpc.WithEndpoint("discovery:///user.service"),
	)
}

// NoRegistry has no registry in scope: no fix.
func NoRegistry(ctx context.Context) (*ggrpc.ClientConn, error) {
	return grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery:///user.service")) // want `without WithDiscovery`
}

// TwoRegistries has two: the fix cannot choose.
func TwoRegistries(ctx context.Context, a, b registry.Discovery) (*ggrpc.ClientConn, error) {
	return grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery:///user.service")) // want `without WithDiscovery`
}

// HTTPNoDiscovery: every request fails with an unsupported scheme.
func HTTPNoDiscovery(ctx context.Context, r registry.Discovery) (*http.Client, error) {
	return http.NewClient(ctx, http.WithEndpoint("discovery:///user.service")) // want `http.NewClient dials "discovery:///user.service" without WithDiscovery: .* fails with "unsupported protocol scheme \\"discovery\\""`
}

const userTwoSlashes = "discovery://user.service"

// TwoSlashes watches "": every call times out.
func TwoSlashes(ctx context.Context, r registry.Discovery) (*ggrpc.ClientConn, error) {
	return grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery://user.service"), grpc.WithDiscovery(r)) // want `endpoint "discovery://user.service" has two slashes: "user.service" becomes the URL's authority and the registry is asked to watch "", so every call times out with DeadlineExceeded; write "discovery:///user.service"`
}

// TwoSlashesConst has the endpoint in a constant others may use: no fix.
func TwoSlashesConst(ctx context.Context, r registry.Discovery) (*http.Client, error) {
	return http.NewClient(ctx, http.WithEndpoint(userTwoSlashes), http.WithDiscovery(r)) // want `has two slashes: .* so every request fails with NODE_NOT_FOUND`
}

// Fixed addresses pin the client to one instance, as warden's do.
func Fixed(ctx context.Context) {
	grpc.DialInsecure(ctx, grpc.WithEndpoint("127.0.0.1:9000"))              // want `grpc.DialInsecure dials the fixed address "127.0.0.1:9000"`
	grpc.DialInsecure(ctx, grpc.WithEndpoint("direct:///10.0.0.5:9000"))     // want `fixed address "direct:///10.0.0.5:9000"`
	http.NewClient(ctx, http.WithEndpoint("http://127.0.0.1:8000"))          // want `http.NewClient dials the fixed address "http://127.0.0.1:8000"`
	http.NewClient(ctx, http.WithEndpoint("https://api.example.com"))        // a host name: DNS resolves it again
	grpc.DialInsecure(ctx, grpc.WithEndpoint("user.svc.cluster.local:9000")) // a host name
	grpc.DialInsecure(ctx, grpc.WithEndpoint("http://127.0.0.1:8000"))       // not how grpc takes an address: not ours to judge
	grpc.DialInsecure(ctx, grpc.WithEndpoint("etcd:///user.service"))        // another resolver
}

// WithRegistry is right.
func WithRegistry(ctx context.Context, r registry.Discovery) {
	grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery:///user.service"), grpc.WithDiscovery(r))
	http.NewClient(ctx, http.WithDiscovery(r), http.WithEndpoint("discovery:///user.service"))
	// The v0.x form also works: the resolver watches the path, "user.service".
	grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery://default/user.service"), grpc.WithDiscovery(r))
}

// Hidden options may hold a WithDiscovery: silent.
func Hidden(ctx context.Context, opts []grpc.ClientOption, opt grpc.ClientOption) {
	grpc.DialInsecure(ctx, opts...)
	all := append(opts, grpc.WithEndpoint("discovery:///user.service"))
	grpc.DialInsecure(ctx, all...)
	grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery:///user.service"), opt)
	grpc.DialInsecure(ctx, grpc.WithEndpoint("discovery:///user.service"), common())
}

func common() grpc.ClientOption { return grpc.WithTimeout(0) }

// FromConfig has its endpoint from configuration: not known here.
func FromConfig(ctx context.Context, endpoint string) {
	grpc.DialInsecure(ctx, grpc.WithEndpoint(endpoint))
}
