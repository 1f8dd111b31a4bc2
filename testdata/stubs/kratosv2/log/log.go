// Package log is a stub of kratos v2 log. Unlike kratos v0.x's log, its
// Fatal functions exit the process.
package log

import (
	"fmt"
	"os"
)

// Level is a logger level.
type Level int8

const (
	LevelDebug Level = iota - 1
	LevelInfo
	LevelWarn
	LevelError
	LevelFatal
)

// Logger is a logger interface.
type Logger interface {
	Log(level Level, keyvals ...any) error
}

type stdLogger struct{}

func (stdLogger) Log(level Level, keyvals ...any) error {
	fmt.Fprintln(os.Stderr, keyvals...)
	return nil
}

// DefaultLogger is the default logger.
var DefaultLogger Logger = stdLogger{}

// NewStdLogger new a logger with writer.
func NewStdLogger(w any) Logger { return stdLogger{} }

// With returns a logger with keyvals.
func With(l Logger, kv ...any) Logger { return l }

// Helper is a logger helper.
type Helper struct{ logger Logger }

// NewHelper new a logger helper.
func NewHelper(logger Logger) *Helper { return &Helper{logger: logger} }

func (h *Helper) Info(a ...any) { _ = h.logger.Log(LevelInfo, "msg", fmt.Sprint(a...)) }
func (h *Helper) Infof(format string, a ...any) {
	_ = h.logger.Log(LevelInfo, "msg", fmt.Sprintf(format, a...))
}
func (h *Helper) Error(a ...any) { _ = h.logger.Log(LevelError, "msg", fmt.Sprint(a...)) }
func (h *Helper) Errorf(format string, a ...any) {
	_ = h.logger.Log(LevelError, "msg", fmt.Sprintf(format, a...))
}
func (h *Helper) Fatal(a ...any)                 { h.Error(a...); os.Exit(1) }
func (h *Helper) Fatalf(format string, a ...any) { h.Errorf(format, a...); os.Exit(1) }
func Info(a ...any)                              { DefaultLogger.Log(LevelInfo, "msg", fmt.Sprint(a...)) }
func Infof(format string, a ...any)              { DefaultLogger.Log(LevelInfo, "msg", fmt.Sprintf(format, a...)) }
func Error(a ...any)                             { DefaultLogger.Log(LevelError, "msg", fmt.Sprint(a...)) }
func Errorf(format string, a ...any)             { DefaultLogger.Log(LevelError, "msg", fmt.Sprintf(format, a...)) }
func Fatal(a ...any)                             { Error(a...); os.Exit(1) }
func Fatalf(format string, a ...any)             { Errorf(format, a...); os.Exit(1) }
