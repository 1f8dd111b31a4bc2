package demo

func loud() {}

func f() {
	loud() // want "loud"
}
