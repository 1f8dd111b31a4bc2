package all_test

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/textedit"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/internal/ruletest"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// FuzzRules runs every rule on real packages with one file changed to
// the fuzzer's text: the rule fixtures (testdata/rules and
// testdata/modules) and the example workspace (testdata/example), file
// by file, are the seeds, and their mutations are the half-typed and broken code an editor shows the
// rules. For every input:
//
//   - no rule panics or fails;
//   - no rule reports a range the driver has to repair (driver.RuleBug),
//     and every finding's range is inside its file;
//   - every fix applies to its file with the driver's edit applier, and
//     when the input parsed and type-checked, the fixed package does too.
//
// The input is the name of the file it replaces (relative to testdata;
// a name no file has picks one) and its text. The package is checked
// again in process (ruletest.TypeCheck), its imports from the export data
// loaded once: an input costs a parse, a type check and the rules.
func FuzzRules(f *testing.F) {
	fx := loadFixtures(f)
	for _, sf := range fx.files {
		src, err := os.ReadFile(sf.path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(sf.name, src)
	}
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		checkRules(t, fx.lookup(name), src)
	})
}

// A seedFile is a Go file of a fixture package.
type seedFile struct {
	name string // relative to testdata, with slashes
	path string
	pkg  *packages.Package
	mod  *ruletest.Module
}

type fixtures struct {
	files  []*seedFile
	byName map[string]*seedFile
}

// lookup returns the file called name, or one chosen by name's hash.
func (fx *fixtures) lookup(name string) *seedFile {
	if sf, ok := fx.byName[name]; ok {
		return sf
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return fx.files[int(h.Sum32()%uint32(len(fx.files)))]
}

// loadFixtures loads the fixture modules and the example workspace,
// skipping (with a log) those whose modules are not in the module cache.
func loadFixtures(tb testing.TB) *fixtures {
	testdata := filepath.Join(ruletest.Root(), "testdata")
	dirs, err := filepath.Glob(filepath.Join(testdata, "rules", "*", "go.mod"))
	variants, err2 := filepath.Glob(filepath.Join(testdata, "modules", "*", "*", "go.mod"))
	if err != nil || err2 != nil || len(dirs) == 0 || len(variants) == 0 {
		tb.Fatal("no fixture modules", err, err2)
	}
	dirs = append(dirs, variants...)
	dirs = append(dirs, filepath.Join(testdata, "example", "go.mod"))
	mods := make([]*ruletest.Module, len(dirs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, gomod := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			m, err := ruletest.LoadModule(filepath.Dir(gomod))
			if err != nil {
				tb.Logf("%s: %v (not a seed)", filepath.Dir(gomod), err)
				return
			}
			mods[i] = m
		}()
	}
	wg.Wait()
	fx := &fixtures{byName: make(map[string]*seedFile)}
	for _, m := range mods {
		if m == nil {
			continue
		}
		for _, p := range m.Pkgs {
			for _, path := range p.CompiledGoFiles {
				rel, err := filepath.Rel(testdata, path)
				if err != nil || strings.HasPrefix(rel, "..") {
					continue // a file outside testdata (cgo output)
				}
				sf := &seedFile{name: filepath.ToSlash(rel), path: path, pkg: p, mod: m}
				fx.files = append(fx.files, sf)
				fx.byName[sf.name] = sf
			}
		}
	}
	if len(fx.files) == 0 {
		tb.Fatal("no fixture package loaded")
	}
	return fx
}

// checkRules runs every rule on sf's package with src in place of sf and
// checks what they report.
func checkRules(t *testing.T, sf *seedFile, src []byte) {
	pkg := ruletest.TypeCheck(sf.pkg, sf.mod, map[string][]byte{sf.path: src})
	broken := len(pkg.Errors) > 0 || len(pkg.TypeErrors) > 0
	read := func(name string) ([]byte, error) {
		if name == sf.path {
			return src, nil
		}
		return os.ReadFile(name)
	}
	var mod *analysis.Module
	if m := pkg.Module; m != nil {
		mod = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	logs := &records{}
	unit := &driver.Unit{
		ID: pkg.ID, Fset: pkg.Fset, Files: pkg.Syntax, Pkg: pkg.Types, Info: pkg.TypesInfo, Sizes: pkg.TypesSizes,
		TypeErrors: pkg.TypeErrors, Module: mod, ModuleDir: sf.mod.Dir, HasErrors: broken, ReadFile: read,
	}
	var ids []string
	for _, r := range all.Rules {
		ids = append(ids, r.ID)
	}
	res, err := driver.Run(context.Background(), unit, &driver.Selection{Rules: all.Rules, Only: ids}, slog.New(logs))
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range res.Errors {
		t.Errorf("%s: %v", sf.name, err)
		var pe *rule.PanicError
		if errors.As(err, &pe) {
			t.Logf("%s", pe.Stack)
		}
	}
	for _, msg := range logs.bugs() {
		t.Errorf("%s: %s", sf.name, msg)
	}
	for _, fd := range res.Findings {
		where := fmt.Sprintf("%s: %s at %s", sf.name, fd.Rule.ID, pkg.Fset.Position(fd.Diag.Pos))
		tf := pkg.Fset.File(fd.Diag.Pos)
		if tf == nil || fd.Diag.End < fd.Diag.Pos || int(fd.Diag.End) > tf.Base()+tf.Size() {
			t.Errorf("%s: range %d-%d outside its file", where, fd.Diag.Pos, fd.Diag.End)
			continue
		}
		for _, fix := range fd.Diag.SuggestedFixes {
			checkFix(t, sf, src, broken, where, pkg, fix, read)
		}
	}
}

// checkFix applies fix to its file and, when the input was a package
// that type-checked, checks that the fixed package still does.
func checkFix(t *testing.T, sf *seedFile, src []byte, broken bool, where string, pkg *packages.Package, fix analysis.SuggestedFix, read func(string) ([]byte, error)) {
	edits, name, ok := driver.FixEdits(pkg.Fset, fix)
	if !ok {
		t.Errorf("%s: fix %q edits no file or several", where, fix.Message)
		return
	}
	old, err := read(name)
	if err != nil {
		t.Errorf("%s: fix %q edits %s: %v", where, fix.Message, name, err)
		return
	}
	fixed, err := textedit.Apply(old, edits)
	if err != nil {
		t.Errorf("%s: fix %q does not apply: %v", where, fix.Message, err)
		return
	}
	if broken {
		return // a package with errors has no build to keep
	}
	if !slices.Contains(sf.pkg.CompiledGoFiles, name) {
		t.Errorf("%s: fix %q edits %s, outside the package", where, fix.Message, name)
		return
	}
	after := ruletest.TypeCheck(sf.pkg, sf.mod, map[string][]byte{sf.path: src, name: fixed})
	for _, path := range ruletest.Imports(after.Syntax) {
		if !sf.mod.Has(path) && path != sf.pkg.PkgPath {
			t.Logf("%s: fix %q imports %s, which the fixture module does not: not type-checked", where, fix.Message, path)
			return
		}
	}
	for _, e := range after.Errors {
		t.Errorf("%s: fix %q leaves a file that does not parse: %v\n%s", where, fix.Message, e, fixed)
		return
	}
	for _, e := range after.TypeErrors {
		t.Errorf("%s: fix %q breaks the build: %v\n%s", where, fix.Message, e, fixed)
		return
	}
}

// records is a slog.Handler that keeps the driver's reports of rule
// bugs.
type records struct {
	mu   sync.Mutex
	msgs []string
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }

func (r *records) Handle(_ context.Context, rec slog.Record) error {
	if rec.Message != driver.RuleBug {
		return nil
	}
	var b strings.Builder
	b.WriteString(rec.Message)
	rec.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%q", a.Key, a.Value.String())
		return true
	})
	r.mu.Lock()
	r.msgs = append(r.msgs, b.String())
	r.mu.Unlock()
	return nil
}

func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }

func (r *records) bugs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.msgs)
}
