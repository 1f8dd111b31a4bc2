// Package serverrecovery defines the server-recovery rule: a Kratos v2 or
// v3 server built with no recovery middleware.
//
// Kratos v0.x's warden and blademaster recover a handler's panic. Kratos
// v2 and v3 do not: their transport/grpc and transport/http servers run
// the middleware they are given and nothing else, and only
// middleware/recovery's Recovery() turns a panic into an error reply.
// gRPC-Go does not recover a handler's panic either, so a gRPC server
// without it exits the process on the first panic, with every request in
// flight. net/http recovers a panic of its own handlers: an HTTP server
// without it survives, but the client gets no reply (the connection is
// dropped) and the logging and metrics middleware see none; the rule only
// informs there.
//
// The rule looks at one NewServer call, whose options are calls of the
// server package's option functions, written in the call or, as the
// project template writes them, in a local slice (opts...) that the
// function fills only with literals and appends (typesutil.SliceOf): it
// reports the call when none of them is Middleware(...) holding a
// Recovery() call (anywhere in its arguments:
// selector.Server(recovery.Recovery()).Match(…).Build() counts). It
// stays silent when it cannot see everything that could recover: options
// from any other slice or from any other call or variable; a Middleware argument that is not a call of a Kratos
// middleware package (a team's own middleware may recover); interceptor,
// gRPC-option and HTTP-filter options (a grpc-middleware recovery
// interceptor, a gorilla RecoveryHandler); and a server whose Use method
// is called in the same function (middleware added later).
//
// The fix puts recovery.Recovery() first in the server's Middleware
// option (first: outermost, so that it also catches a panic in the
// middleware after it; the last Middleware option of a call, since each
// replaces the one before), or adds a Middleware(recovery.Recovery())
// option when there is none, first in the call or in the slice's one
// literal, importing middleware/recovery of the same module. A slice
// with Middleware options in several places, or with no literal, gets
// no fix: which one takes effect depends on the flow.
package serverrecovery
