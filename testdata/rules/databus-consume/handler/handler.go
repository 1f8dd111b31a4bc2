// Package handler decodes messages; it logs with the standard library.
package handler

import (
	"encoding/json"

	"go-common/library/queue/databus"
)

type event struct{ Kind string }

// Consume decodes every message.
func Consume(d *databus.Databus) {
	for msg := range d.Messages() {
		var e event
		json.Unmarshal(msg.Value, &e) // want `error of json.Unmarshal`
		msg.Commit()
	}
}
