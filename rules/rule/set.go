package rule

import (
	"slices"
	"strings"
)

// A Set is a list of rules, sorted by ID: the rules a driver may run.
// The registry (rules/all) is the full one; main hands it to the
// checker, the language server and the configuration's validation, as
// staticcheck's lintcmd and gopls' settings are handed their analyzers,
// and tests hand them sets of their own.
type Set []*Rule

// Lookup returns the rule of s with the given ID or Analyzer name, or
// nil.
func (s Set) Lookup(name string) *Rule {
	id := ID(name)
	for _, r := range s {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// With returns s with the rules of extra added (a rule of extra replaces
// the rule of s with its ID), sorted by ID.
func (s Set) With(extra ...*Rule) Set {
	out := make(Set, 0, len(s)+len(extra))
	for _, r := range s {
		if Set(extra).Lookup(r.ID) == nil {
			out = append(out, r)
		}
	}
	out = append(out, extra...)
	sortByID(out)
	return out
}

func sortByID(s Set) {
	slices.SortStableFunc(s, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
}
