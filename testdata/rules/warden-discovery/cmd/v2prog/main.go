// Command v2prog dials discovery:// through the kratos v2 look-alike of
// warden: not the framework, not reported.
package main

import (
	"context"

	"example.com/wd/v2client"
)

func main() {
	if _, err := v2client.DialDiscovery(context.Background()); err != nil {
		panic(err)
	}
}
