package loader

import (
	"context"
	"fmt"
	"slices"

	"golang.org/x/tools/go/packages"
)

// ListDeps is List for analysing the packages the patterns match once,
// from source: export data is asked only for the packages the analysable
// ones (see Analysable) depend on and that are not analysed themselves.
// The go command compiles a package for its export data; now it compiles
// no package that is analysed, so that a file the compiler rejects, or
// takes gigabytes for, no longer fails the check: go/types checks it. A
// package analysed from source gives its types to the analysed packages
// that import it (see Exports.Put): the caller checks packages after
// those they import, as the analysis of facts needs anyway. Two cases
// are still compiled: a package analysed in its test variant that
// another analysed package imports in its plain form (the plain package
// is compiled for it), and dependencies outside the patterns.
//
// A package recompiled for another's test (q [p.test], where q imports
// p and p's tests import q) gets the export data of q: the two differ
// only in the p they were compiled against, and importing q [p.test]
// resolves p to p [p.test], checked from source, which has all that p
// has. So the go command runs twice: for the metadata of the build, then
// for the export data of plain packages (and once more, as List does,
// should the second leave out a package it was asked for).
func ListDeps(ctx context.Context, dir string, env []string, patterns ...string) (map[string]*Metadata, []string, error) {
	pkgs, roots, err := list(ctx, dir, env, Mode&^packages.NeedExportFile, true, patterns)
	if err != nil {
		return nil, nil, err
	}
	var matched []*Metadata
	for _, id := range roots {
		matched = append(matched, pkgs[id])
	}
	analysed := make(map[string]bool)
	for _, m := range Analysable(matched) {
		analysed[m.ID] = true
	}
	need := make(map[string]bool)
	var visit func(id string)
	visit = func(id string) {
		if m := pkgs[id]; m != nil && !need[id] && !analysed[id] {
			need[id] = true
			for _, dep := range m.Imports {
				visit(dep)
			}
		}
	}
	for id := range analysed {
		for _, dep := range pkgs[id].Imports {
			visit(dep)
		}
	}
	var paths []string
	for id := range need {
		if p := pkgs[id].PkgPath; p != "unsafe" && !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	found, err := exportsOf(ctx, dir, env, paths)
	if err != nil {
		return nil, nil, err
	}
	var missing []string
	for id := range need {
		m := pkgs[id]
		p, ok := found[m.PkgPath] // the plain package of a test variant
		switch {
		case m.PkgPath == "unsafe":
		case !ok:
			missing = append(missing, id)
		case m.ForTest == "":
			m.ExportFile, m.Errors = p.ExportFile, p.Errors
		default:
			m.ExportFile = p.ExportFile
			if m.ExportFile == "" {
				m.Errors = append(m.Errors, p.Errors...) // why
			}
		}
	}
	if len(missing) > 0 {
		// Not listable by path (command-line-arguments, a path that
		// names another package in this build): ask as List does.
		all, _, err := List(ctx, dir, env, patterns...)
		if err != nil {
			return nil, nil, err
		}
		for _, id := range missing {
			if m, ok := all[id]; ok {
				pkgs[id].ExportFile, pkgs[id].Errors = m.ExportFile, m.Errors
			}
		}
	}
	return pkgs, roots, nil
}

// exportsOf returns the packages at paths, with their export data, by
// ID (their path).
func exportsOf(ctx context.Context, dir string, env []string, paths []string) (map[string]*packages.Package, error) {
	found := make(map[string]*packages.Package)
	if len(paths) == 0 {
		return found, nil
	}
	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.NeedName | packages.NeedExportFile,
		Dir:     dir,
		Env:     env,
	}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, fmt.Errorf("loading the export data of %d packages: %w", len(paths), err)
	}
	for _, p := range pkgs {
		found[p.ID] = p
	}
	return found, nil
}
