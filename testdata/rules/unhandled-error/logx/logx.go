// Package logx logs at levels with package-level functions, as go-zero's
// core/logx does.
package logx

import "os"

func Info(v ...any)                  {}
func Infof(format string, v ...any)  {}
func Debugf(format string, v ...any) {}
func Error(v ...any)                 {}
func Errorf(format string, v ...any) {}
func Slowf(format string, v ...any)  {}

// A RotateLogger writes the log to its file from a worker goroutine.
type RotateLogger struct {
	fp      *os.File
	channel chan []byte
}

// Write hands the line to the worker.
func (l *RotateLogger) Write(data []byte) (int, error) { // want Write:"never fails"
	l.channel <- data
	return len(data), nil
}

func (l *RotateLogger) work() {
	for v := range l.channel {
		l.write(v)
	}
}

// write is the log's own output: a failed write has nowhere left to be
// reported, as in a log sink.
func (l *RotateLogger) write(v []byte) {
	if l.fp != nil {
		// information: a logging package writing its own output
		l.fp.Write(v) /* information */ // want `error returned by l.fp.Write is not checked`
	}
}
