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
	paladin.Init() // paladin-init reports it, with the panic that follows
	log.Println("listening on :8000")
	http.ListenAndServe(":8000", nil) // want `error returned by http.ListenAndServe is not checked`
	log.Println("exit")
}
