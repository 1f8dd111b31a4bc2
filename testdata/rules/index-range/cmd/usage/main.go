// Command usage exits through a helper between reading its arguments and
// indexing them: the guard goes below the helper's call, so that a run
// without the flag still prints the usage.
package main

import (
	"flag"
	"fmt"
	"os"
)

var name = flag.String("name", "", "who to greet")

func main() {
	flag.Parse()
	args := flag.Args()
	if *name == "" {
		usage() // never returns
	}
	fmt.Println(*name, args[1]) // want `args\[1\] panics when fewer than 2 arguments follow the flags`
}

func usage() {
	flag.Usage()
	os.Exit(2)
}
