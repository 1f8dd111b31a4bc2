package driver

import (
	"fmt"
	"go/token"
	"log/slog"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"golang.org/x/tools/go/analysis"
)

// RuleBug is the log message of a diagnostic whose positions a rule got
// wrong: the driver repairs or drops what it cannot show, and says so.
const RuleBug = "rule bug: ill-formed diagnostic"

// wellFormed checks the positions of a rule's diagnostic, and of its
// related information and fixes, against the files of fset, and repairs
// them where it can:
//
//   - a range must start in a file and end in the same file, not before
//     it starts; an end that is NoPos means the start (analysis.Range
//     convention), and an end one past the end of the file is the end of
//     the file (go/ast's End of a construct cut short by the end of the
//     file, such as a call missing its ')'): both are repaired quietly;
//   - any other bad end is a rule bug: the range ends at the end of the
//     line it starts on; a diagnostic with no start is dropped;
//   - related information with a bad range is dropped;
//   - a fix whose edits are ill-formed (outside the file of their start,
//     inverted, in several files, overlapping) is dropped.
//
// Every repair but the quiet ones is logged as RuleBug. It reports
// whether the diagnostic is kept.
func wellFormed(log *slog.Logger, r *rule.Rule, fset *token.FileSet, d *analysis.Diagnostic) bool {
	bug := func(problem string, pos token.Pos) {
		log.Error(RuleBug, "rule", r.ID, "problem", problem, "at", fset.Position(pos).String(), "message", d.Message)
	}
	pos, end, problem := repairRange(fset, d.Pos, d.End)
	if problem != "" {
		bug(problem, d.Pos)
	}
	if !pos.IsValid() {
		return false
	}
	d.Pos, d.End = pos, end

	related := d.Related[:0:0]
	for _, rel := range d.Related {
		pos, end, problem := repairRange(fset, rel.Pos, rel.End)
		if problem != "" || !pos.IsValid() {
			bug("related information: "+problem, rel.Pos)
			continue
		}
		rel.Pos, rel.End = pos, end
		related = append(related, rel)
	}
	if len(d.Related) > 0 {
		d.Related = related
	}

	fixes := d.SuggestedFixes[:0:0]
	for _, fix := range d.SuggestedFixes {
		if problem := repairFix(fset, &fix); problem != "" {
			bug(fmt.Sprintf("fix %q: %s", fix.Message, problem), d.Pos)
			continue
		}
		fixes = append(fixes, fix)
	}
	if len(d.SuggestedFixes) > 0 {
		d.SuggestedFixes = fixes
	}
	return true
}

// repairRange returns [pos, end) repaired as wellFormed says, with the
// problem of a rule bug (if any); pos is NoPos when the range has no
// start.
func repairRange(fset *token.FileSet, pos, end token.Pos) (token.Pos, token.Pos, string) {
	tf := fset.File(pos)
	if tf == nil {
		if tf := fset.File(end); tf != nil {
			return end, end, "no start"
		}
		return token.NoPos, token.NoPos, "no position"
	}
	eof := token.Pos(tf.Base() + tf.Size())
	switch {
	case !end.IsValid():
		return pos, pos, ""
	case end == eof+1:
		return pos, eof, ""
	case end < pos:
		return pos, lineEndOf(tf, pos), "the end is before the start"
	case end > eof:
		return pos, lineEndOf(tf, pos), "the end is outside the file"
	}
	return pos, end, ""
}

// lineEndOf returns the end of the line of pos in tf (before its newline).
func lineEndOf(tf *token.File, pos token.Pos) token.Pos {
	line := tf.Line(pos)
	if line >= tf.LineCount() {
		return token.Pos(tf.Base() + tf.Size())
	}
	return tf.LineStart(line+1) - 1
}

// repairFix repairs the ends of fix's edits quietly as wellFormed says,
// and returns what else is wrong with them, if anything.
func repairFix(fset *token.FileSet, fix *analysis.SuggestedFix) string {
	edits := make([]analysis.TextEdit, len(fix.TextEdits))
	for i, e := range fix.TextEdits {
		pos, end, problem := repairRange(fset, e.Pos, e.End)
		if problem != "" {
			return "an edit: " + problem
		}
		edits[i] = analysis.TextEdit{Pos: pos, End: end, NewText: e.NewText}
	}
	fixed := analysis.SuggestedFix{Message: fix.Message, TextEdits: edits}
	// The ranges are in their files now: FixEdits (textedit's rules, as
	// every applier's) refuses only edits in several files, or overlapping.
	if _, _, ok := FixEdits(fset, fixed); !ok && len(edits) > 0 {
		return "edits in several files, or overlapping"
	}
	*fix = fixed
	return ""
}
