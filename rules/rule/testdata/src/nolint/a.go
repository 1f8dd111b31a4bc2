package nolint

func f() {}

func g() {
	f() //nolint:errcheck
	//nolint:errcheck,staticcheck // the author's decision
	f()
	f() //nolint:staticcheck // want "call"
	f() // want "call"
}
