package suppress

// A hand-written file named like a cache is no generated file.
func k() {
	f() // want "call"
}
