// Command literal reads paladin in a handler written in main, and never
// initialises it: the first request panics.
package main

import (
	"flag"
	"net/http"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() { // want `main never calls paladin.Init: paladin.Get \(line 15\) in a function literal panics with a nil pointer dereference`
	flag.Parse()
	http.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		msg, _ := paladin.Get("hello").String()
		w.Write([]byte(msg))
	})
	http.ListenAndServe(":8000", nil)
}
