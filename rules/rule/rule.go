// Package rule defines what a gopitfalls rule is: a go/analysis Analyzer
// together with its stable ID, its default severity and its notes in
// English and Chinese, from which the Analyzer's Doc and URL are derived.
// A rule's messages are values too, in both languages (M, Say): the
// Analyzer reports them in English, or in Chinese for Options.Lang "zh",
// and its Result keeps both for drivers that choose later.
//
// Every Analyzer made here recovers from a panic in its rule (reporting
// it as the pass's error, never crashing the driver) and drops the
// diagnostics that a //gopitfalls:ignore or //nolint comment silences, so
// that both hold under any driver: gopitfalls check, the language server,
// go vet -vettool, golangci-lint.
package rule

import (
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// NoteURL is where a rule's note is published; %s is the package
// directory name and the language.
const noteURL = "https://github.com/gopitfalls/gopitfalls/blob/main/rules/%s/note.%s.md"

// A Spec is what a rule package declares about itself.
type Spec struct {
	ID       string   // kebab-case, stable: what users see, configure and suppress
	Severity Severity // default severity of its diagnostics
	// InTests caps the severity of its diagnostics in _test.go files
	// (Off: no cap). See the severity policy in policy.go.
	InTests  Severity
	Since    string // release that introduced it, e.g. "v0.1.0"
	Syntax   bool   // it works without type information (syntax-only mode)
	Fixes    bool   // it offers suggested fixes
	Notes    fs.FS  // holds note.en.md and note.zh.md
	Requires []*analysis.Analyzer
	// FactTypes are the analysis facts the rule exports and imports (see
	// analysis.Analyzer.FactTypes). A rule with facts also runs on every
	// dependency of the packages it checks; it must not assume that a
	// dependency was analyzed (a driver may load dependencies from
	// export data only), and treat a missing fact as unknown.
	FactTypes []analysis.Fact
	// Nolint are the golangci-lint linters that look for what the rule
	// looks for: a //nolint comment naming one of them is the author's
	// decision on that line, and silences the rule too (errcheck for
	// unhandled-error).
	Nolint []string
	// Run reports the rule's diagnostics for one package.
	Run func(pass *analysis.Pass, opts *Options) error
}

// A Rule is a defined rule.
type Rule struct {
	ID       string
	Severity Severity
	Since    string
	Syntax   bool
	Fixes    bool
	Notes    map[string]*Note // by language

	// Analyzer runs the rule with the default options.
	Analyzer *analysis.Analyzer

	spec Spec
	mu   sync.Mutex
	with map[string]*analysis.Analyzer // by Options.key
}

// Define makes a Rule from its spec. It panics if the spec or its notes
// are malformed: that is a programming error caught by the registry test.
func Define(spec Spec) *Rule {
	if !isID(spec.ID) {
		panic(fmt.Sprintf("rule ID %q is not kebab-case", spec.ID))
	}
	if spec.Severity < Hint || spec.Severity > Warning {
		panic(fmt.Sprintf("rule %s: default severity %v is not hint, information or warning", spec.ID, spec.Severity))
	}
	notes, err := readNotes(spec.Notes)
	if err != nil {
		panic(fmt.Sprintf("rule %s: %v", spec.ID, err))
	}
	r := &Rule{
		ID:       spec.ID,
		Severity: spec.Severity,
		Since:    spec.Since,
		Syntax:   spec.Syntax,
		Fixes:    spec.Fixes,
		Notes:    notes,
		spec:     spec,
		with:     make(map[string]*analysis.Analyzer),
	}
	def := DefaultOptions()
	r.Analyzer = r.newAnalyzer(def)
	r.with[def.key()] = r.Analyzer
	return r
}

// With returns the rule's Analyzer for the given options. Analyzers are
// memoized, so equal options give the same Analyzer.
func (r *Rule) With(opts Options) *analysis.Analyzer {
	k := opts.key()
	r.mu.Lock()
	defer r.mu.Unlock()
	a, ok := r.with[k]
	if !ok {
		a = r.newAnalyzer(opts)
		r.with[k] = a
	}
	return a
}

// Note returns the rule's note in lang, falling back to English.
func (r *Rule) Note(lang string) *Note {
	if n, ok := r.Notes[lang]; ok {
		return n
	}
	return r.Notes["en"]
}

// Package returns the name of the rule's package directory under rules/.
func (r *Rule) Package() string { return strings.ReplaceAll(r.ID, "-", "") }

// URL returns the address of the rule's note in lang.
func (r *Rule) URL(lang string) string {
	if _, ok := r.Notes[lang]; !ok {
		lang = "en"
	}
	return fmt.Sprintf(noteURL, r.Package(), lang)
}

// Name returns the Analyzer name of a rule ID: the ID with '-' replaced
// by '_', so that it is a Go identifier as go/analysis requires.
func Name(id string) string { return strings.ReplaceAll(id, "-", "_") }

// ID returns the rule ID of an Analyzer name; it inverts [Name].
func ID(name string) string { return strings.ReplaceAll(name, "_", "-") }

// isID reports whether s is a kebab-case rule ID.
func isID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func (r *Rule) newAnalyzer(opts Options) *analysis.Analyzer {
	en := r.Notes["en"]
	a := &analysis.Analyzer{
		Name:             Name(r.ID),
		Doc:              en.Title + "\n\n" + en.Summary,
		URL:              r.URL("en"),
		Requires:         append(slices.Clone(r.spec.Requires), FocusAnalyzer),
		FactTypes:        r.spec.FactTypes,
		ResultType:       resultType,
		RunDespiteErrors: true,
	}
	a.Run = func(pass *analysis.Pass) (_ any, err error) {
		p := *pass
		st := &passState{}
		running.Store(&p, st)
		defer func() {
			running.Delete(&p)
			if v := recover(); v != nil {
				err = &PanicError{Rule: r.ID, Package: pass.Pkg.Path(), Value: v, Stack: debug.Stack()}
			}
		}()
		p.ReadFile = memoRead(pass.ReadFile)
		sup := newSuppressor(pass)
		st.report = func(d analysis.Diagnostic) {
			st.mu.Lock()
			asked := st.next
			st.next = Off
			if st.holding {
				st.held = append(st.held, heldReport{d, asked})
				st.mu.Unlock()
				return
			}
			st.mu.Unlock()
			if sup.suppressed(r.ID, r.spec.Nolint, d.Pos) {
				return
			}
			sev := r.level(pass, d.Pos, asked)
			if opts.MinSeverity != Off && r.Shown(opts.configured(r), sev) < opts.MinSeverity {
				return // below what the driver shows
			}
			if d.URL == "" {
				d.URL = a.URL
			}
			said := st.saidFor(d)
			if opts.Lang != "" {
				d = localized(d, &said, opts.Lang)
			}
			st.mu.Lock()
			st.res.Levels = append(st.res.Levels, sev)
			st.res.Said = append(st.res.Said, said)
			st.mu.Unlock()
			pass.Report(d)
		}
		p.Report = st.report
		if err := r.spec.Run(&p, &opts); err != nil {
			return nil, err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		return &st.res, nil
	}
	return a
}

// memoRead returns read memoized: fixes read the file they edit once per
// finding, and a file with thousands of findings is read once. The text
// returned is shared, and must not be modified (as with any ReadFile).
func memoRead(read func(string) ([]byte, error)) func(string) ([]byte, error) {
	if read == nil {
		return nil
	}
	var (
		mu   sync.Mutex
		seen = make(map[string][]byte)
	)
	return func(name string) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		if data, ok := seen[name]; ok {
			return data, nil
		}
		data, err := read(name)
		if err == nil {
			seen[name] = data
		}
		return data, err
	}
}

// A PanicError is the error of a pass whose rule panicked.
type PanicError struct {
	Rule    string
	Package string
	Value   any
	Stack   []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("rule %s panicked on package %s: %v", e.Rule, e.Package, e.Value)
}

// Options are the settings from the configuration that change what rules
// look for.
type Options struct {
	// ErrgroupImport is the errgroup package fixes rewrite goroutines to:
	// golang.org/x/sync/errgroup or a kratos …/pkg/sync/errgroup.
	ErrgroupImport string
	// FrameworkImportPrefixes are the import path prefixes under which
	// the Kratos v0.x framework packages (net/rpc/warden, conf/paladin,
	// queue/databus, sync/errgroup, log) are found.
	FrameworkImportPrefixes []string
	// KratosV2ImportPrefixes are the import path prefixes of Kratos v2
	// and v3 (transport/grpc, config, registry, errors, middleware/…),
	// a different framework from v0.x with other APIs and semantics (its
	// log.Fatal exits): rules match its packages through these, never
	// through FrameworkImportPrefixes.
	KratosV2ImportPrefixes []string
	// MinSeverity drops the diagnostics below it: drivers that show
	// every diagnostic they get (go vet, golangci-lint) set Warning, as
	// check shows by default. Check and the server keep all (Off) and
	// filter by the levels in the Result.
	MinSeverity Severity
	// Severity is the configured severity of the rule the Analyzer is
	// for, which MinSeverity is compared with (Off: the rule's own; see
	// [Rule.Shown]). Check and the server apply it themselves.
	Severity Severity
	// Lang is the language of the messages, fix titles and related
	// messages the Analyzer reports: "" or "en" for English (what check and the server take,
	// translating as they show), "zh" for drivers that print what they
	// get (go vet).
	Lang string
}

// configured returns the severity the rule r is shown at.
func (o *Options) configured(r *Rule) Severity {
	if o.Severity == Off {
		return r.Severity
	}
	return o.Severity
}

// DefaultErrgroupImport is the default of Options.ErrgroupImport.
const DefaultErrgroupImport = "golang.org/x/sync/errgroup"

// DefaultFrameworkImportPrefixes is the default of Options.FrameworkImportPrefixes.
var DefaultFrameworkImportPrefixes = []string{
	"github.com/go-kratos/kratos/pkg/",
	"github.com/bilibili/kratos/pkg/",
	"go-common/library/",
}

// DefaultKratosV2ImportPrefixes is the default of
// Options.KratosV2ImportPrefixes.
var DefaultKratosV2ImportPrefixes = []string{
	"github.com/go-kratos/kratos/v2/",
	"github.com/go-kratos/kratos/v3/",
}

// DefaultOptions returns the options used when nothing is configured.
func DefaultOptions() Options {
	return Options{
		ErrgroupImport:          DefaultErrgroupImport,
		FrameworkImportPrefixes: slices.Clone(DefaultFrameworkImportPrefixes),
		KratosV2ImportPrefixes:  slices.Clone(DefaultKratosV2ImportPrefixes),
	}
}

func (o Options) key() string {
	return o.MinSeverity.String() + "\x00" + o.Severity.String() + "\x00" + o.Lang + "\x00" + o.ErrgroupImport + "\x00" + strings.Join(o.FrameworkImportPrefixes, "\x00") + "\x01" + strings.Join(o.KratosV2ImportPrefixes, "\x00")
}

// KratosV2Package reports whether path is the Kratos v2/v3 package rel
// (such as "transport/grpc") under one of the v2 prefixes. rel "" is the
// module's root package (kratos.New).
func (o *Options) KratosV2Package(path, rel string) bool {
	for _, prefix := range o.KratosV2ImportPrefixes {
		if rel == "" && path == strings.TrimSuffix(prefix, "/") || strings.HasPrefix(path, prefix) && path[len(prefix):] == rel {
			return true
		}
	}
	return false
}

// FrameworkPackage reports whether path is the framework package rel
// (such as "net/rpc/warden") under one of the framework prefixes.
func (o *Options) FrameworkPackage(path, rel string) bool {
	for _, prefix := range o.FrameworkImportPrefixes {
		if strings.HasPrefix(path, prefix) && path[len(prefix):] == rel {
			return true
		}
	}
	return false
}

// FrameworkRel returns the part of path below a framework prefix and
// whether path is under one.
func (o *Options) FrameworkRel(path string) (string, bool) {
	for _, prefix := range o.FrameworkImportPrefixes {
		if rest, ok := strings.CutPrefix(path, prefix); ok && rest != "" {
			return rest, true
		}
	}
	return "", false
}
