// Package wardendiscovery defines the warden-discovery rule. It reports
// two mistakes with warden, the gRPC client of Kratos v0.x, and their
// counterparts with the clients of Kratos v2 and v3:
//
//  1. A Dial, DialTLS or NewConn whose target is a fixed address known at
//     compile time ("127.0.0.1:9000", "direct://default/10.0.0.5:9000", a
//     constant that holds one, a concatenation or fmt.Sprintf of
//     constants, or a local variable assigned one once and never again)
//     instead of "discovery://default/<appid>":
//     the client keeps calling the instances it was given while the
//     service behind them is redeployed, scaled or moved, so releases are
//     not smooth. The fix dials "discovery://default/" + an application
//     ID constant only when that constant is tied to the dialled service
//     (see appid.go): a wrong ID would point the client at another
//     service, so with no tie there is no fix.
//
//  2. A program (a main package) that dials discovery:// through warden,
//     in main or anywhere main reaches by static calls or package
//     initialisation, while no package of the program registers the
//     discovery resolver (resolver.Register(discovery.Builder())). Kratos
//     v0.x's warden registers only the direct resolver, so such a Dial
//     blocks until its timeout and fails with "context deadline exceeded".
//     The fix registers the resolver in main after flag.Parse.
//
//  3. The clients of Kratos v2 and v3 (transport/grpc's Dial, DialInsecure
//     and v3's NewClient, transport/http's NewClient), matched through
//     the configured v2 import prefixes, each configured by options in
//     the one call: a "discovery:///name" endpoint with no WithDiscovery
//     (no resolver serves the scheme, and every call fails), a
//     "discovery://name" endpoint with two slashes (the resolver watches
//     ""), and a fixed address as in 1. See v2.go.
//
// The second check reasons about the whole program with analysis facts:
// every analysed package exports a package fact saying whether it or any
// package it imports may register the discovery resolver; every function
// that reaches a discovery dial by static calls exports an object fact.
// A dependency that was not analysed (a driver that loads dependencies
// from export data) is judged by its imports, which export data lists in
// full: a package that imports neither the framework's warden/resolver
// nor grpc's resolver package, directly or through another such
// package, cannot register anything. Packages of the standard library,
// the grpc module and the open-source kratos v0.x modules are known not
// to register the discovery resolver. The check stays silent when a
// registration might happen (a resolver.Register with a builder it cannot
// identify, a grpc resolver.Register outside the framework, any package
// it cannot see into that imports a resolver package), for dials reached
// only through interfaces or function values or only by dependencies it
// did not analyse, and in packages with type errors (half-typed editor
// buffers).
//
// It leaves alone targets not known at compile time (configuration,
// flags), host names (resolved by DNS at each reconnect), other resolver
// schemes (etcd://, dns:///, …), _test.go files (tests dial the servers
// they start) and it only hints in main packages, which are mostly tools
// and examples pointed at one address on purpose.
package wardendiscovery
