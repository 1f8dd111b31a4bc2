// Package v2 uses the kratos v2 module's look-alike of databus: matched by
// import path, it is not the framework.
package v2

import (
	"encoding/json"

	"github.com/go-kratos/kratos/v2/pkg/queue/databus"
)

// Consume makes every mistake with the look-alike.
func Consume(d *databus.Databus) {
	msgs := d.Messages()
	for {
		msg := <-msgs
		msg.Commit()
		var v map[string]any
		json.Unmarshal(msg.Value, &v)
	}
}
