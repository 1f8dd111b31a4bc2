// Package broken does not type-check, as a file being edited often does:
// the rule reports nothing for it, and no error either.
package broken

import "strings"

func second(s string) string {
	parts := strings.Split(s, ":")
	notDefinedYet()
	return parts[1] // no finding: an ill-typed package has no SSA form
}
