// Package globals writes to package-level maps.
package globals

// Handler handles a request.
type Handler func() error

var handlers map[string]Handler

// Register adds a handler.
func Register(name string, h Handler) {
	handlers[name] = h // want `assignment to entry in nil map handlers; nothing in the package makes handlers`
}

var codes map[int]string

func init() {
	codes = make(map[int]string)
}

// SetCode writes to a map made in init.
func SetCode(c int, msg string) {
	codes[c] = msg // init made it
}

var names = map[string]int{}

// SetName writes to a map with an initializer.
func SetName(n string) {
	names[n]++ // initialized at declaration
}

// Hooks may be set by other packages.
var Hooks map[string]func()

// AddHook writes to an exported map.
func AddHook(name string, f func()) {
	Hooks[name] = f // exported: another package may make it
}

var lazy map[string]int

// Touch makes the map on first use.
func Touch(k string) {
	if lazy == nil {
		lazy = make(map[string]int)
	}
	lazy[k]++ // made by the nil check, or earlier
}
