package check

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// A fixLoop applies fixes in rounds (-fix) and checks each round's
// result before it goes on: every fix is applied alone in the tests, but
// fixes applied together, on code the fixtures never saw, can still
// break the build or create findings. After each round it analyses again
// and
//
//   - restores the files of the round, and stops, when the module no
//     longer loads or a package that loaded now fails to (a gopitfalls
//     bug: it says what it rewrote and what failed);
//   - restores the files of the round where a finding appeared that was
//     not there before, or a fixed finding is still there (a gopitfalls
//     bug as well), and fixes nothing more in them;
//
// and otherwise goes on while fixes apply (a fix that overlapped another
// applies in the next round). It never rewrites the files of a package
// that failed to load or type-check: nothing could tell whether the
// result still builds.
type fixLoop struct {
	wd      string
	stderr  io.Writer
	min     rule.Severity
	analyze func() (*driver.Result, error)

	applied int
	changed map[string]bool
	blocked map[string]bool // files restored after a bad round: fixed no more
	bug     bool            // a round had to be undone
}

// run applies the fixes of res's findings and of the findings of the
// rounds after it, and returns the last analysis.
func (l *fixLoop) run(res *driver.Result) (*driver.Result, error) {
	l.changed, l.blocked = make(map[string]bool), make(map[string]bool)
	for round := 0; round < maxFixRounds; round++ {
		todo := l.fixable(res)
		edits, applied, _ := driver.MergeFixesPerFile(todo)
		if len(edits) == 0 {
			return res, nil
		}
		before := make(map[string][]byte, len(edits))
		after := make(map[string][]byte, len(edits))
		for name, es := range edits {
			src, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			edits[name] = driver.KeepLineEndings(src, es) // as applied: for regressions
			out, err := driver.ApplyFixes(name, src, edits[name])
			if err != nil {
				return nil, err
			}
			before[name], after[name] = src, out
		}
		if err := l.write(after); err != nil {
			l.restore(before)
			return nil, err
		}
		next, err := l.analyze()
		if err != nil {
			l.restore(before)
			l.report("the fixes applied to %s left the module unloadable, so they were undone:\n\t%v", l.list(before), err)
			l.bug = true
			return l.analyze()
		}
		if broken := newlyBroken(res, next); len(broken) > 0 {
			for i, e := range broken {
				broken[i] = relErr(l.wd, e)
			}
			l.restore(before)
			l.report("the fixes applied to %s broke the build, so they were undone:\n\t%s", l.list(before), strings.Join(broken, "\n\t"))
			l.bug = true
			return l.analyze()
		}
		if bad := l.regressions(res, next, todo, edits, before); len(bad) > 0 {
			undo := make(map[string][]byte)
			for name := range bad {
				undo[name] = before[name]
				l.blocked[name] = true
			}
			l.restore(undo)
			for _, name := range sortedKeys(bad) {
				l.report("the fixes applied to %s were undone:\n\t%s", l.rel(name), strings.Join(bad[name], "\n\t"))
			}
			l.bug = true
			if next, err = l.analyze(); err != nil {
				return nil, err
			}
		}
		for name, n := range applied {
			if !l.blocked[name] {
				l.changed[name] = true
				l.applied += n
			}
		}
		res = next
	}
	if len(l.fixable(res)) > 0 {
		l.report("fixes still apply after %d rounds; the last ones were not applied", maxFixRounds)
		l.bug = true
	}
	return res, nil
}

// fixable returns the findings whose preferred fix -fix applies: those
// shown (at the -severity asked for) in files that may be rewritten.
func (l *fixLoop) fixable(res *driver.Result) []*driver.Finding {
	var out []*driver.Finding
	for _, f := range res.Findings {
		if f.Severity < l.min || len(f.Diag.SuggestedFixes) == 0 {
			continue // not shown, or no fix
		}
		_, name, ok := driver.FixEdits(f.Fset, f.Diag.SuggestedFixes[0])
		if !ok || res.Broken[name] || l.blocked[name] {
			continue // a package that does not build, or a file restored after a bad round
		}
		out = append(out, f)
	}
	return out
}

// newlyBroken returns the errors of the packages that fail in next but
// did not in res (at most maxListed, then how many more).
func newlyBroken(res, next *driver.Result) []string {
	newly := make(map[string]bool)
	for name := range next.Broken {
		if !res.Broken[name] {
			newly[name] = true
		}
	}
	if len(newly) == 0 {
		return nil
	}
	var out []string
	for _, e := range next.PackageErrors {
		if name, _, _ := strings.Cut(e.Pos, ":"); newly[name] {
			out = append(out, e.Error())
		}
	}
	if len(out) == 0 {
		for _, name := range sortedKeys(newly) {
			out = append(out, name+": its package no longer builds")
		}
	}
	if len(out) > maxListed {
		out = append(out[:maxListed], fmt.Sprintf("and %d more", len(out)-maxListed))
	}
	return out
}

// maxListed bounds the errors a report of a bad round lists.
const maxListed = 10

// A findingAt identifies a finding across a round: its rule and where it
// starts (an offset in its file before the round).
type findingAt struct {
	rule   string
	file   string
	offset int
}

// regressions returns, by file, what went wrong in a round: findings
// that were not there before it (at the same place, with the same rule,
// at the same or a higher severity), and findings whose fix was applied
// but that are still there. edits are the round's, before the files'
// contents before it.
func (l *fixLoop) regressions(res, next *driver.Result, fixed []*driver.Finding, edits map[string][]driver.Edit, before map[string][]byte) map[string][]string {
	old := make(map[findingAt][]rule.Severity)
	for _, f := range res.Findings {
		k := keyOf(f)
		old[k] = append(old[k], f.Severity)
	}
	wasFixed := make(map[findingAt][]string) // messages
	for _, f := range fixed {
		k := keyOf(f)
		wasFixed[k] = append(wasFixed[k], f.Diag.Message)
	}
	bad := make(map[string][]string)
	for _, f := range next.Findings {
		k := keyOf(f)
		if es, ok := edits[k.file]; ok {
			off, ok := driver.Origin(before[k.file], es, k.offset)
			if !ok {
				bad[k.file] = append(bad[k.file], l.describe("created", f))
				continue // in inserted text: new
			}
			k.offset = off
		}
		if slices.Contains(wasFixed[k], f.Diag.Message) {
			bad[k.file] = append(bad[k.file], l.describe("did not remove", f))
			continue
		}
		sevs := old[k]
		if i := slices.IndexFunc(sevs, func(s rule.Severity) bool { return s >= f.Severity }); i >= 0 {
			old[k] = slices.Delete(sevs, i, i+1)
			continue // there before, as loud or louder
		}
		bad[k.file] = append(bad[k.file], l.describe("created", f))
	}
	// A finding in a file the round did not touch comes from a change
	// elsewhere (through facts): which one cannot be told, so the round
	// is undone in every file it changed.
	for _, name := range sortedKeys(bad) {
		if _, ok := edits[name]; !ok {
			for changed := range edits {
				bad[changed] = append(bad[changed], bad[name]...)
			}
			delete(bad, name)
		}
	}
	return bad
}

func keyOf(f *driver.Finding) findingAt {
	tf := f.Fset.File(f.Diag.Pos)
	if tf == nil {
		return findingAt{rule: f.Rule.ID}
	}
	return findingAt{rule: f.Rule.ID, file: tf.Name(), offset: tf.Offset(f.Diag.Pos)}
}

// describe says what a fix did to finding f, for the report of a bad
// round.
func (l *fixLoop) describe(what string, f *driver.Finding) string {
	start, _ := f.Posn()
	return fmt.Sprintf("they %s the finding %s:%d:%d: %s (%s)", what, l.rel(start.Filename), start.Line, start.Column, f.Diag.Message, f.Rule.ID)
}

// write replaces the contents of files, keeping their modes.
func (l *fixLoop) write(files map[string][]byte) error {
	for _, name := range sortedKeys(files) {
		if err := writeFile(name, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// restore writes files back, reporting any that cannot be.
func (l *fixLoop) restore(files map[string][]byte) {
	var errs []error
	for _, name := range sortedKeys(files) {
		if err := writeFile(name, files[name]); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		l.report("restoring files failed: %v", err)
	}
}

// report prints a message about a bad round: a gopitfalls bug.
func (l *fixLoop) report(format string, args ...any) {
	fmt.Fprintf(l.stderr, "gopitfalls: bug: "+format+"\n", args...)
}

// list names files for a report: "a.go", or "3 files (a.go, b.go, c.go)".
func (l *fixLoop) list(files map[string][]byte) string {
	names := sortedKeys(files)
	for i, n := range names {
		names[i] = l.rel(n)
	}
	if len(names) == 1 {
		return names[0]
	}
	return fmt.Sprintf("%d files (%s)", len(names), strings.Join(names, ", "))
}

func (l *fixLoop) rel(name string) string { return relPath(l.wd, name) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
