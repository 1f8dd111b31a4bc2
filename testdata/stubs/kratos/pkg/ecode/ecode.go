// Package ecode is a stub of kratos pkg/ecode.
package ecode

import "strconv"

type Code int

func (e Code) Error() string { return strconv.Itoa(int(e)) }
func (e Code) Code() int     { return int(e) }

var (
	OK                 Code = 0
	RequestErr         Code = -400
	NothingFound       Code = -404
	ServerErr          Code = -500
	ServiceUnavailable Code = -503
)
