package policy

func loud()  {}
func quiet() {}

func f() {
	loud()  // want "loud"
	quiet() // want "quiet"
}
