// Command literalinit reads paladin in a handler after initialising it:
// the handler runs when a request comes, after Init.
package main

import (
	"flag"
	"net/http"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	flag.Parse()
	if err := paladin.Init(); err != nil {
		panic(err)
	}
	http.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		msg, _ := paladin.Get("hello").String() // runs after Init
		w.Write([]byte(msg))
	})
	http.ListenAndServe(":8000", nil)
}
