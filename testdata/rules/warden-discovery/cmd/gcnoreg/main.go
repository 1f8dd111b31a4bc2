// Command gcnoreg is a go-common program without the registration.
package main

import (
	"flag"
	"log"

	"example.com/wd/gcdao"
)

func main() { // want `the program dials discovery://default/main.account.account-service \(gcdao.NewAccountDiscoveryConn, dao.go:22\) but never registers`
	flag.Parse()
	conn, err := gcdao.NewAccountDiscoveryConn(nil)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
}
