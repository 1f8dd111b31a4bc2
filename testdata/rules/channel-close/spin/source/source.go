// Package source hands out channels.
package source

// Subscribe returns a channel of events; Unsubscribe closes it.
func Subscribe() <-chan string { return make(chan string) }

// Fill sends to ch and closes it.
func Fill(ch chan string) {
	ch <- "a"
	close(ch)
}
