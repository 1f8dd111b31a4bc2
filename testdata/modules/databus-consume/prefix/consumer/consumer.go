package consumer

import (
	"encoding/json"

	gcdatabus "go-common/library/queue/databus"

	"example.com/dbfork/kratos/pkg/queue/databus"
)

type event struct{ UID int64 }

// Consume uses the configured framework's databus.
func Consume(d *databus.Databus) error {
	msgs := d.Messages()
	for {
		msg := <-msgs // want `receive from msgs without ok`
		var e event
		if err := json.Unmarshal(msg.Value, &e); err != nil {
			return err
		}
		msg.Commit()
	}
}

// ConsumeGoCommon uses go-common's databus, which the configuration does
// not name as the framework: not checked.
func ConsumeGoCommon(d *gcdatabus.Databus) {
	msgs := d.Messages()
	for {
		msg := <-msgs
		msg.Commit()
		var e event
		json.Unmarshal(msg.Value, &e)
	}
}
