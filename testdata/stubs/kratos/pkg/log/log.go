// Package log is a stub of kratos pkg/log. Fatal logs at fatal level and
// does not exit.
package log

import "context"

type Config struct{ Dir string }

type D struct {
	Key   string
	Value interface{}
}

func Init(conf *Config)                                              {}
func Debug(format string, args ...interface{})                       {}
func Info(format string, args ...interface{})                        {}
func Warn(format string, args ...interface{})                        {}
func Error(format string, args ...interface{})                       {}
func Fatal(format string, args ...interface{})                       {}
func Infoc(ctx context.Context, format string, args ...interface{})  {}
func Errorc(ctx context.Context, format string, args ...interface{}) {}
func Warnc(ctx context.Context, format string, args ...interface{})  {}
func Fatalc(ctx context.Context, format string, args ...interface{}) {}
func Infov(ctx context.Context, args ...D)                           {}
func Errorv(ctx context.Context, args ...D)                          {}
func KVString(key string, value string) D                            { return D{key, value} }
func Close() error                                                   { return nil }

// Level is a log level.
type Level int

// Handler is used to handle log events, outputting them to stdio or
// sending them to remote services.
type Handler interface {
	// Log handle log; variadic D is k-v struct represent log content
	Log(context.Context, Level, ...D)
	// SetFormat set render format on log output
	SetFormat(string)
	// Close handler
	Close() error
}
