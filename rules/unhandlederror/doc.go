// Package unhandlederror defines the unhandled-error rule: an error that a
// call returns and that the code never looks at, so that the call's other
// results (zero values, as often as not) are carried into the code that
// follows as if it had succeeded.
//
// It reports three shapes:
//
//   - a call that returns an error, used as a statement: f(), x.Save(ctx, v),
//     d.db.Close();
//   - v, _ := f() where the blank takes the error and v is used later;
//   - an error variable whose value is never read: err := f() followed by
//     err = g() (or w, err := g()) with no check between, or by the end of
//     the function or of err's scope. This uses go/cfg on the function
//     body, so that a read on any path counts (see liveness.go). A
//     function literal the function defers reads the variables it mentions
//     only when the function returns, so an err overwritten before any
//     return is lost even when `defer func() { if err != nil { … } }()`
//     looks at it.
//
// A Close dropped as a statement is reported: SPEC exempts only
// `defer x.Close()`. A Close that only releases a resource whose work is
// done (a response body, rows, a pooled connection, a listener, a client,
// a file opened for reading) is reported at information severity; one
// that finishes writing (compress and archive writers, an io.WriteCloser,
// a file created or opened for writing in the same function) is a
// warning. Closes of io.Pipe ends, which always return nil, are not
// reported.
//
// What it deliberately leaves alone, because a service team would not
// change the code for it:
//
//   - `_ = f()` and `_, _ = f()`: the drop is explicit;
//   - calls in the exclusions table (table.go, the one place for that
//     policy): calls documented never to fail (bytes.Buffer and
//     strings.Builder writes, hash writes, math/rand reads), writes to
//     quiet sinks (standard output and error, buffers, bufio and tabwriter
//     writers whose errors surface at Flush, a gzip, zlib or csv writer made
//     over a buffer, an http.ResponseWriter: the status is sent, so a
//     failed write can only mean the client has gone, and nothing is left
//     to tell it), Shutdown, os.Remove, connection deadlines, and parsers
//     given constants;
//   - calls made by defer, directly or in a deferred function literal;
//   - calls in cleanup kept for later (a result-less function literal
//     assigned or appended to a variable or field named for closing or
//     cleaning up, such as a profile's closers): reported at information
//     severity, as its error has nowhere to go;
//   - the steps of a Close, Shutdown or Stop method other than closing
//     something: best-effort release whose error has nowhere to go (a
//     Close inside them is reported: a Dao's Close is the last place its
//     pools' failures can be logged);
//   - best-effort cleanup on an error path: statements inside
//     `if err != nil { … }` (or its `else` for `err == nil`), or inside a
//     nested block that ends by returning a non-nil error, such as
//     tx.Rollback(), f.Close() or os.Remove(tmp) before `return err`. The
//     error being returned is the one that matters; a second one from the
//     cleanup has nowhere to go. This includes Close: `if err != nil {
//     f.Close(); return err }` is not reported;
//   - `v, _ := f()` when every later use of v only formats or logs it,
//     when the next statement checks v against its zero value, or when
//     every later use only asks v's type with a comma-ok assertion or a
//     type switch (a nil interface is none of the types asked);
//   - generated files.
//
// In _test.go files it reports only error variables that are never read,
// at hint severity: a test whose setup call fails, or that discards an
// error with _, fails at its assertions; a test that checks the wrong err
// passes when it should not.
package unhandlederror
