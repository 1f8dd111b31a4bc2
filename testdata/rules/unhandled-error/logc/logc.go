// Package logc logs at levels with a context, as go-zero's core/logc
// does.
package logc

import "context"

func Info(ctx context.Context, v ...any)                  {}
func Infof(ctx context.Context, format string, v ...any)  {}
func Debugf(ctx context.Context, format string, v ...any) {}
func Error(ctx context.Context, v ...any)                 {}
func Errorf(ctx context.Context, format string, v ...any) {}
