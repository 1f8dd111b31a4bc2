// Package logx logs at levels with package-level functions, as go-zero's
// core/logx does.
package logx

func Info(v ...any)                  {}
func Infof(format string, v ...any)  {}
func Debugf(format string, v ...any) {}
func Error(v ...any)                 {}
func Errorf(format string, v ...any) {}
func Slowf(format string, v ...any)  {}
