// Package broken does not type-check, as a file being edited often does:
// the rule reports nothing for it, and no error either.
package broken

type myErr struct{}

func (*myErr) Error() string { return "x" }

func get() error {
	var e *myErr
	notDefinedYet()
	return e // no finding: an ill-typed package has no SSA form
}
