// Command account starts the fixture's service.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func main() {
	flag.Parse()
	paladin.Init() // want `error returned by paladin.Init is not checked`
	log.Println("listening on :8000")
	http.ListenAndServe(":8000", nil) // want `error returned by http.ListenAndServe is not checked`
	log.Println("exit")
}
