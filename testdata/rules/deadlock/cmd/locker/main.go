// Command locker holds a lock until it exits.
package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex

func main() {
	mu.Lock() // held until the program exits: main is not reported
	fmt.Println("working")
}
