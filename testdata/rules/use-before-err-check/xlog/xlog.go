// Package xlog wraps the framework's log, as services often do. Its
// Fatal logs at fatal level and returns, as kratos log.Fatal does.
package xlog

import "github.com/go-kratos/kratos/pkg/log"

// Fatal logs at fatal level.
func Fatal(format string, args ...interface{}) { log.Fatal(format, args...) }
