package parse

import "strings"

// KeySep joins a group and a service into the key of the registry's
// caches: a format of the program's own (nacos's SERVICE_INFO_SPLITER).
const KeySep = "@@"

// Key is how the registry names a service.
func Key(group, service string) string { return group + KeySep + service }

// Registry holds what it registered, by key.
type Registry struct {
	subscribed map[string]bool
}

// Redo subscribes again to every service: each key was made by Key, so
// the split has its two parts. Plausible only in principle: information.
func (r *Registry) Redo(subscribe func(group, service string)) {
	for key := range r.subscribed {
		info := strings.Split(key, KeySep)
		subscribe(info[0], info[1] /* information */) // want `info\[1\] panics when key contains no "@@"`
	}
}

// A separator written as a literal is a format the input decides: a
// warning.
func Pair(s string) (string, string) {
	kv := strings.Split(s, "=")
	return kv[0], kv[1] // want `kv\[1\] panics when s contains no "="`
}

// A local constant is a literal with a name: still a warning.
func Local(s string) string {
	const sep = ":"
	return strings.Split(s, sep)[1] // want `strings.Split\(s, sep\)\[1\] panics when s contains no ":"`
}
