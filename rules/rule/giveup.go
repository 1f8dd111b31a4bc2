package rule

import (
	"go/token"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A Skip is a place where a rule gave up: it reports nothing there.
type Skip struct {
	Pos token.Position
	Why string
}

// Skips is the result of every rule's Analyzer: where the rule gave up
// (see GiveUp). Drivers log them at debug level.
type Skips []Skip

var skipsType = reflect.TypeFor[Skips]()

// GiveUp records that the rule running pass stopped looking at the code
// at pos, and why: a bound on the work it does there (a function too
// large to analyse in reasonable time) was reached, and it reports
// nothing there. Bounds are set far above normal code, so that giving up
// happens on generated code, not silently on what people write.
func GiveUp(pass *analysis.Pass, pos token.Pos, why string) {
	if s, ok := running.Load(pass); ok {
		s := s.(*skipList)
		s.mu.Lock()
		defer s.mu.Unlock()
		s.list = append(s.list, Skip{Pos: pass.Fset.Position(pos), Why: why})
	}
}

// running holds the skips of the passes running, by the pass the rule
// was given.
var running sync.Map // *analysis.Pass → *skipList

type skipList struct {
	mu   sync.Mutex
	list Skips
}
