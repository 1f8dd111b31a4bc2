// Package driver runs the gopitfalls rules on packages. It is what
// `gopitfalls check` and the language server share: which rules run, with
// which options and severities, on what, and how their diagnostics become
// findings. Analyze is check's: it streams the packages matching patterns
// through parsing, type-checking and the rules, a few at a time.
package driver

import (
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// A Finding is a diagnostic of a rule, at the severity it is shown at.
type Finding struct {
	Rule     *rule.Rule
	Severity rule.Severity
	Fset     *token.FileSet
	Diag     analysis.Diagnostic
	// Said is what the rule said in Diag, in either language (nil when
	// unknown: Diag's English is shown).
	Said *rule.Said
	// ModuleDir is the root directory of the module of the package (""
	// for none): see Posn.
	ModuleDir string
}

// Posn returns the start and end of the finding as its reader looks for
// them. Where a //line directive names a file of the module (the grammar
// the code is generated from), that is in the file it names; where it
// names a file outside the module, or one that is not there (cgo's and
// other generators' temporary files), at the position in the file
// analysed, as gopls does. A column is never 0: where a directive gives
// no column, the column is the one in the file analysed.
func (f *Finding) Posn() (start, end token.Position) {
	start = f.position(f.Diag.Pos)
	end = start
	if f.Diag.End.IsValid() {
		end = f.position(f.Diag.End)
	}
	return start, end
}

// position returns the position of pos as Posn says.
func (f *Finding) position(pos token.Pos) token.Position {
	real := f.Fset.PositionFor(pos, false)
	adj := f.Fset.PositionFor(pos, true)
	if adj == real || !inModule(f.ModuleDir, adj.Filename) {
		return real
	}
	if adj.Column == 0 {
		adj.Column = real.Column
	}
	return adj
}

// inModule reports whether name is an existing file under the module
// root dir.
func inModule(dir, name string) bool {
	if dir == "" || !filepath.IsAbs(name) {
		return false
	}
	rel, err := filepath.Rel(dir, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	fi, err := os.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

// A Selection says which rules run and how loudly they report, and in
// which language: check, the language server and the vet tool all ask
// it.
type Selection struct {
	// Rules are the rules to choose from: main hands the registry
	// (rules/all) down, tests sets of their own.
	Rules  rule.Set
	Config *config.Config
	// Only, when non-empty, restricts the rules to these IDs (and runs
	// them even where the configuration turns them off).
	Only []string
	// Disable turns these rules off.
	Disable []string
	// SyntaxOnly restricts the rules to those that need no type information.
	SyntaxOnly bool
	// Lang, when set ("en" or "zh"), is the language of messages over
	// the configuration's (check's -lang).
	Lang string
}

// config returns the selection's configuration, or the defaults.
func (s *Selection) config() *config.Config {
	if s.Config == nil {
		return config.Default()
	}
	return s.Config
}

// Enabled returns the selected rules with their severities; it fails on
// an unknown rule ID.
func (s *Selection) Enabled() (map[*rule.Rule]rule.Severity, error) {
	cfg := s.config()
	for _, id := range append(slices.Clone(s.Only), s.Disable...) {
		if s.Rules.Lookup(id) == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
	}
	out := make(map[*rule.Rule]rule.Severity)
	for _, r := range s.Rules {
		sev := cfg.Severity(r)
		if len(s.Only) > 0 {
			if !slices.ContainsFunc(s.Only, func(id string) bool { return s.Rules.Lookup(id) == r }) {
				continue
			}
			if sev == rule.Off {
				sev = r.Severity
			}
		}
		if slices.ContainsFunc(s.Disable, func(id string) bool { return s.Rules.Lookup(id) == r }) || sev == rule.Off {
			continue
		}
		if s.SyntaxOnly && !r.Syntax {
			continue
		}
		out[r] = sev
	}
	return out, nil
}

// Language returns the language of messages: Lang, else the
// configuration's, else that of the locale (a BCP 47 tag or a POSIX
// locale; "" for English).
func (s *Selection) Language(locale string) string {
	if s.Lang != "" {
		return s.Lang
	}
	return s.config().Lang(locale)
}

// Analyzers returns the Analyzers of the selected rules for a driver
// that shows every diagnostic it gets (go vet): each reports only what
// is shown at min or above, at the rule's configured severity, in the
// selection's language (for locale).
func (s *Selection) Analyzers(min rule.Severity, locale string) ([]*analysis.Analyzer, error) {
	sevs, err := s.Enabled()
	if err != nil {
		return nil, err
	}
	opts := s.config().Options()
	opts.MinSeverity, opts.Lang = min, s.Language(locale)
	var out []*analysis.Analyzer
	for _, r := range s.Rules {
		if sev, ok := sevs[r]; ok {
			opts.Severity = sev
			out = append(out, r.With(opts))
		}
	}
	return out, nil
}

// analyzers returns the Analyzers of the selected rules, configured with
// the selection's options, in the set's order, with their rules and
// severities.
func (s *Selection) analyzers() ([]*analysis.Analyzer, map[*analysis.Analyzer]*rule.Rule, map[*rule.Rule]rule.Severity, error) {
	rules, err := s.Enabled()
	if err != nil {
		return nil, nil, nil, err
	}
	opts := s.config().Options()
	byAnalyzer := make(map[*analysis.Analyzer]*rule.Rule)
	var analyzers []*analysis.Analyzer
	for _, r := range s.Rules { // sorted: deterministic
		if _, ok := rules[r]; !ok {
			continue
		}
		a := r.With(opts)
		byAnalyzer[a] = r
		analyzers = append(analyzers, a)
	}
	return analyzers, byAnalyzer, rules, nil
}

// A Result is the outcome of analysing packages.
type Result struct {
	Findings []*Finding
	// Errors are the rules that failed (a panic, a failed prerequisite),
	// by package; their other findings are unaffected.
	Errors []error
	// PackageErrors are why packages failed to load, parse or
	// type-check (Analyze's), in package order, once each.
	PackageErrors []PackageError
	// Broken holds the Go files of the packages that failed to load,
	// parse or type-check (Analyze's): fixes must not rewrite them, since
	// nothing can tell whether the result still builds.
	Broken map[string]bool
}

// addError records and logs the failure of rule r on a package; the
// quiet failures of a rule that cannot run on ill-typed code are only
// logged at debug level.
func (res *Result) addError(log *slog.Logger, r *rule.Rule, id, path string, err error) {
	if isQuiet(err) {
		log.Debug("rule skipped", "rule", r.ID, "package", id, "reason", err)
		return
	}
	var pe *rule.PanicError
	if errors.As(err, &pe) {
		log.Error("rule panicked", "rule", pe.Rule, "package", pe.Package, "panic", fmt.Sprint(pe.Value), "stack", string(pe.Stack))
	} else {
		log.Error("rule failed", "rule", r.ID, "package", id, "error", err)
	}
	res.Errors = append(res.Errors, fmt.Errorf("%s: %s: %w", path, r.ID, err))
}

// addFindings records the diagnostics of rule r (configured at sev), at
// the levels the rule reported them at, with their positions made
// well-formed (see wellFormed), skipping those already seen (the same
// file analysed in two variants of a package).
func (res *Result) addFindings(log *slog.Logger, r *rule.Rule, sev rule.Severity, u *Unit, diags []analysis.Diagnostic, levels *rule.Result, seen map[string]bool) {
	fset := u.Fset
	for i, d := range diags {
		if !wellFormed(log, r, fset, &d) {
			continue
		}
		posn := fset.Position(d.Pos)
		key := fmt.Sprintf("%s\x00%s:%d:%d\x00%s", r.ID, posn.Filename, posn.Line, posn.Column, d.Message)
		if seen[key] {
			continue
		}
		seen[key] = true
		res.Findings = append(res.Findings, &Finding{Rule: r, Severity: r.Shown(sev, levels.At(i, r.Severity)), Fset: fset, Diag: d, Said: levels.SaidAt(i), ModuleDir: u.ModuleDir})
	}
}

// isQuiet reports whether a pass error only says the rule could not run
// on a package with errors (its prerequisites, such as SSA construction,
// do not run on ill-typed code): not worth an error log.
func isQuiet(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "failed prerequisites") || strings.Contains(msg, "analysis skipped due to errors in package")
}

// SortFindings sorts findings by file, line, column and rule.
func SortFindings(fs []*Finding) {
	slices.SortStableFunc(fs, func(a, b *Finding) int {
		pa, _ := a.Posn()
		pb, _ := b.Posn()
		return cmp.Or(
			cmp.Compare(pa.Filename, pb.Filename),
			cmp.Compare(pa.Line, pb.Line),
			cmp.Compare(pa.Column, pb.Column),
			cmp.Compare(a.Rule.ID, b.Rule.ID),
			cmp.Compare(a.Diag.Message, b.Diag.Message),
		)
	})
}
