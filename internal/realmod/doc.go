// Package realmod holds the regression test on real modules
// (TestTriage): every rule, at its default severity, on real modules
// fetched from the module proxy by exact version (internal/modfetch),
// compared with the triage of each module's warnings in
// testdata/realmod.
package realmod
