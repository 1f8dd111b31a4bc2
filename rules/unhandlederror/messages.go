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
	{En: "%s from %s is never checked", Zh: "%[2]s 返回的 %[1]s 从来没有检查"},
	{En: "%s from %s is overwritten at line %d before it is checked", Zh: "%[2]s 返回的 %[1]s 还没检查，就在第 %[3]s 行被覆盖了"},
	{En: "Check the error and return it", Zh: "检查 err 并返回"},
	{En: "Check the error and return it wrapped with fmt.Errorf", Zh: "检查 err，用 fmt.Errorf 包一层后返回"},
	{En: "Check the error and fail the test with %s", Zh: "检查 err，用 %s 让测试失败"},
	{En: "Check the error and log it with %s", Zh: "检查 err，用 %s 打日志"},
}
