// Command safe checks its arguments.
package main

import (
	"flag"
	"fmt"
	"os"
)

func usage() {
	fmt.Fprintln(os.Stderr, "usage: safe NAME TARGET")
	os.Exit(2)
}

func main() {
	flag.Parse()
	if len(os.Args) < 2 {
		usage()
	}
	name := os.Args[1] // usage() never returns
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	target := flag.Args()[0] // flag.NArg() is len(flag.Args())
	args := flag.Args()
	if len(args) == 0 {
		args = []string{"."}
	}
	fmt.Println(name, target, args[0], os.Args[0]) // args has an element on both paths; os.Args[0] is the program
}
