package policy

func g() {
	loud() // want "loud"
}
