// Command tool reads its arguments without checking them.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	verbose := flag.Bool("v", false, "verbose")
	flag.Parse()
	name := os.Args[1]       // want `os.Args\[1\] panics when the program is run without arguments`
	target := flag.Args()[0] // want `flag.Args\(\)\[0\] panics when no arguments follow the flags`
	if *verbose {
		fmt.Println(name, target)
	}
	args := flag.Args()
	fmt.Println(args[1]) // want `args\[1\] panics when fewer than 2 arguments follow the flags`
}
