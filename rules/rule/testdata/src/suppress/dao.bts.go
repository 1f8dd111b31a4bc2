// Package suppress: a cache proxy written by kratos tool genbts, whose
// header was edited away.
package suppress

func i() { f() }
