package unhandlederror

import "github.com/gopitfalls/gopitfalls/rules/rule"

// messages are the rule's diagnostic messages and fix titles with their Chinese.
var messages = []rule.Message{
	{En: "error returned by %s is not checked", Zh: "%s 返回的 err 没有处理"},
	{En: "error returned by %s is discarded; %s may be nil when it fails", Zh: "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是 nil"},
	{En: "error returned by %s is discarded; %s may be 0 when it fails", Zh: "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是 0"},
	{En: "error returned by %s is discarded; %s may be empty when it fails", Zh: "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是空的"},
	{En: "error returned by %s is discarded; %s may be false when it fails", Zh: "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是 false"},
	{En: "error returned by %s is discarded; %s may be a zero value when it fails", Zh: "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是零值"},
	{En: "error returned by %s is not checked; it fails only with %s", Zh: "%s 返回的 err 没有处理；它只会返回 %s 这类预定义错误"},
	{En: "error returned by %s is not checked, here or anywhere else in this package", Zh: "%s 返回的 err 没有处理，这个包里别处也都没处理"},
	{En: "error returned by %s is discarded; %s holds its fallback when it fails", Zh: "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 拿到的是它给的备用值"},
	{En: "error returned by %s is discarded; %s may be nil even when it succeeds", Zh: "%[1]s 返回的 err 被丢掉了；它成功时 %[2]s 也可能是 nil"},
	{En: "%s from %s is only compared with %s before it is overwritten at line %d; other failures are lost", Zh: "%[2]s 返回的 %[1]s 只和 %[3]s 比较过，就在第 %[4]d 行被覆盖了；其他错误都丢了"},
	{En: "%s from %s is only compared with %s; other failures are lost", Zh: "%[2]s 返回的 %[1]s 只和 %[3]s 比较过；其他错误都丢了"},
	{En: "%s from %s is overwritten at line %d before it is checked; it fails only with %s", Zh: "%[2]s 返回的 %[1]s 还没检查，就在第 %[3]d 行被覆盖了；它只会返回 %[4]s 这类预定义错误"},
	{En: "%s from %s is never checked; it fails only with %s", Zh: "%[2]s 返回的 %[1]s 从来没有检查；它只会返回 %[3]s 这类预定义错误"},
	{En: "%s from %s is never checked", Zh: "%[2]s 返回的 %[1]s 从来没有检查"},
	{En: "%s from %s is overwritten at line %d before it is checked", Zh: "%[2]s 返回的 %[1]s 还没检查，就在第 %[3]s 行被覆盖了"},
	{En: "Check the error and return it", Zh: "检查 err 并返回"},
	{En: "Check the error and return it wrapped with fmt.Errorf", Zh: "检查 err，用 fmt.Errorf 包一层后返回"},
	{En: "Check the error and fail the test with %s", Zh: "检查 err，用 %s 让测试失败"},
	{En: "Check the error and log it with %s", Zh: "检查 err，用 %s 打日志"},
}
