package natsq

import (
	"log"
	"log/slog"
)

// Replay logs with slog, which has no printf-style Error: no fix logs
// with the standard log instead.
func Replay(m *Msg) {
	m.Ack() // want `error returned by m.Ack is not checked`
	slog.Info("replayed")
}

// Stop ends the program on a failed Ack: the standard log is imported,
// but the file logs errors with slog.
func Stop(m *Msg) {
	if err := m.Ack(); err != nil {
		log.Fatal(err)
	}
}
