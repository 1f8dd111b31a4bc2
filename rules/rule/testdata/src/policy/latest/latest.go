// Package latest picks the newest release: its name ends in test, but
// it does not import testing. Production code.
package latest

func loud() {}

func pick() {
	loud() // want "loud"
}
