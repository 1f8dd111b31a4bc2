package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// Name is the linter's name in .golangci.yml.
const Name = "gopitfalls"

// source names the settings in error messages.
const source = ".golangci.yml: linters.settings.custom.gopitfalls.settings"

func init() {
	register.Plugin(Name, New)
}

// Plugin is the gopitfalls linter for golangci-lint.
type Plugin struct {
	cfg  *config.Config
	min  rule.Severity
	lang string
}

// New makes the linter from its settings in .golangci.yml (nil: defaults).
func New(settings any) (register.LinterPlugin, error) {
	p := &Plugin{min: rule.Warning}
	cfg, err := config.Decode(source, settings, all.Rules, config.Setting{Key: "severity", Set: func(v string) error {
		s, err := rule.ParseSeverity(v)
		if err != nil || s == rule.Off {
			return fmt.Errorf("want error, warning, information or hint, not %q", v)
		}
		p.min = s
		return nil
	}})
	if err != nil {
		return nil, err
	}
	p.cfg = cfg
	p.lang = "en" // as check's: auto is English on the command line
	if cfg.Language == "zh" {
		p.lang = "zh"
	}
	return p, nil
}

// BuildAnalyzers returns the Analyzers of the rules that are not off,
// each reporting only what check would show at the plugin's threshold, at
// the rule's configured severity, in the configured language.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	opts := p.cfg.Options()
	opts.MinSeverity, opts.Lang = p.min, p.lang
	var out []*analysis.Analyzer
	for _, r := range all.Rules {
		sev := p.cfg.Severity(r)
		if sev == rule.Off {
			continue
		}
		opts.Severity = sev
		out = append(out, forGolangci(r.With(opts)))
	}
	return out, nil
}

// GetLoadMode says that the rules need type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// forGolangci returns a copy of a rule's Analyzer whose diagnostics keep
// only their first (preferred) fix and have no related information
// (golangci-lint reports each piece of it as an issue of its own).
func forGolangci(a *analysis.Analyzer) *analysis.Analyzer {
	g := *a
	g.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			if len(d.SuggestedFixes) > 1 {
				d.SuggestedFixes = d.SuggestedFixes[:1]
			}
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return &g
}
