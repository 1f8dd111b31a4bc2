package suppress

func f() {}

func g() {
	f() // want "call"
	//gopitfalls:ignore test-rule reason
	f()
	f() //gopitfalls:ignore test-rule reason
	f() //gopitfalls:ignore test_rule analyzer names work too
	f() //gopitfalls:ignore other-rule reason // want "call"
	f() //nolint:gopitfalls
	f() //nolint
	f() //nolint:errcheck // want "call"
}
