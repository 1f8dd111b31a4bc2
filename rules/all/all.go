// Package all is the registry of gopitfalls rules.
package all

import (
	"github.com/gopitfalls/gopitfalls/rules/channelclose"
	"github.com/gopitfalls/gopitfalls/rules/concurrentmap"
	"github.com/gopitfalls/gopitfalls/rules/databusconsume"
	"github.com/gopitfalls/gopitfalls/rules/deadlock"
	"github.com/gopitfalls/gopitfalls/rules/goerrgroup"
	"github.com/gopitfalls/gopitfalls/rules/indexrange"
	"github.com/gopitfalls/gopitfalls/rules/nilmapwrite"
	"github.com/gopitfalls/gopitfalls/rules/paladininit"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/rules/typednilerror"
	"github.com/gopitfalls/gopitfalls/rules/uncheckedtypeassertion"
	"github.com/gopitfalls/gopitfalls/rules/unhandlederror"
	"github.com/gopitfalls/gopitfalls/rules/usebeforeerrcheck"
	"github.com/gopitfalls/gopitfalls/rules/wardendiscovery"
	"golang.org/x/tools/go/analysis"
)

// Rules lists every rule, sorted by ID.
var Rules = []*rule.Rule{
	channelclose.Rule,
	concurrentmap.Rule,
	databusconsume.Rule,
	deadlock.Rule,
	goerrgroup.Rule,
	indexrange.Rule,
	nilmapwrite.Rule,
	paladininit.Rule,
	typednilerror.Rule,
	uncheckedtypeassertion.Rule,
	unhandlederror.Rule,
	usebeforeerrcheck.Rule,
	wardendiscovery.Rule,
}

// Lookup returns the rule with the given ID or Analyzer name, or nil.
func Lookup(name string) *rule.Rule {
	id := rule.ID(name)
	for _, r := range Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Analyzers returns the analyzers of rules, configured with opts.
func Analyzers(rules []*rule.Rule, opts rule.Options) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(rules))
	for i, r := range rules {
		out[i] = r.With(opts)
	}
	return out
}

// ByAnalyzer returns the rule whose Analyzer (for any options) is a.
func ByAnalyzer(a *analysis.Analyzer) *rule.Rule {
	return Lookup(a.Name)
}
