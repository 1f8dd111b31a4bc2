package rule

import (
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// A Skip is a place where a rule gave up: it reports nothing there.
type Skip struct {
	Pos token.Position
	Why string
}

// GiveUp records that the rule running pass stopped looking at the code
// at pos, and why: a bound on the work it does there (a function too
// large to analyse in reasonable time) was reached, and it reports
// nothing there. Bounds are set far above normal code, so that giving up
// happens on generated code, not silently on what people write. The
// places are in the rule's Result; drivers log them at debug level.
func GiveUp(pass *analysis.Pass, pos token.Pos, why string) {
	if v, ok := running.Load(pass); ok {
		st := v.(*passState)
		st.mu.Lock()
		defer st.mu.Unlock()
		skip := Skip{Pos: pass.Fset.Position(pos), Why: why}
		if st.holding {
			st.skips = append(st.skips, skip)
			return
		}
		st.res.Skips = append(st.res.Skips, skip)
	}
}
