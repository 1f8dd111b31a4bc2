package usebeforeerrcheck

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese. A message ends
// with what the value holds when the call fails, a text of its own.
var (
	msgOverwritten = rule.M("%s used but err from %s is overwritten before it is checked; %s",
		"用到了 %[1]s，但 %[2]s 返回的 err 还没检查就被覆盖了；%[3]s")
	msgFatalGoesOn = rule.M("%s used after an err check whose log.Fatal does not exit (kratos log.Fatal only logs); %s",
		"%[1]s 在 err 检查之后使用，但检查里的 log.Fatal 不会退出（kratos 的 log.Fatal 只打日志）；%[2]s")
	msgCheckGoesOn = rule.M("%s used after an err check that does not leave the block; %s",
		"%[1]s 在 err 检查之后使用，但那个检查没有 return 出去；%[2]s")
	msgDeferred = rule.M("%s used in a func deferred before err is checked, which also runs when %s fails; %s",
		"%[1]s 在检查 err 之前 defer 的函数里使用，%[2]s 失败时它照样会执行；%[3]s")
	msgGoroutine = rule.M("%s used in a goroutine started before err is checked; %s",
		"%[1]s 在检查 err 之前启动的协程里使用；%[2]s")
	msgBeforeCheck = rule.M("%s used before err is checked; %s", "在检查 err 之前就用了 %[1]s；%[2]s")
	msgMayBeNil    = rule.M("%s may be nil when %s fails", "%[2]s 失败时 %[1]s 可能是 nil（空指针）")
	msgIsNil       = rule.M("%s is nil when %s fails", "%[2]s 失败时 %[1]s 是 nil（空指针）")

	// Fix titles.
	msgMoveBelow = rule.M("Move use of %s below the err check", "把对 %s 的使用移到 err 检查之后")
	msgAnd       = rule.M("%s and %s", "%s 和 %s")
)

// Kratos v2/v3 errors.FromError (fromerror.go).
var msgFromErrorNil = rule.M(
	"%s panics when %s succeeds: errors.FromError returns nil for a nil %s; check %s != nil first",
	"%[2]s 成功时 %[1]s 会 panic：%[3]s 是 nil 时 errors.FromError 返回 nil；请先判断 %[4]s != nil")
