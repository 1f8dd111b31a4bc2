package indexrange

import "github.com/gopitfalls/gopitfalls/rules/rule"

// messages are the rule's diagnostic messages and fix titles with their
// Chinese. Fix titles are composed of a check and an exit, which
// translate one by one.
var messages = []rule.Message{
	{En: "%s is out of range: %s returns at most %d elements", Zh: "%[1]s 越界：%[2]s 最多只返回 %[3]d 个元素"},
	{En: "%s is out of range: %s is empty here", Zh: "%[1]s 越界：这里 %[2]s 是空的"},
	{En: "%s is out of range: %s has length %d", Zh: "%[1]s 越界：%[2]s 的长度是 %[3]d"},
	{En: "%s is out of range: %s has at most 1 element here", Zh: "%[1]s 越界：这里 %[2]s 最多只有 1 个元素"},
	{En: "%s is out of range: %s has at most %d elements here", Zh: "%[1]s 越界：这里 %[2]s 最多只有 %[3]d 个元素"},
	{En: "%s panics when %s contains no %q", Zh: "%[2]s 里没有 %[3]s 时，%[1]s 越界 panic"},
	{En: "%s panics when %s contains fewer than %d %q", Zh: "%[2]s 里的 %[4]s 少于 %[3]d 个时，%[1]s 越界 panic"},
	{En: "%s panics when %s is blank", Zh: "%[2]s 为空（或只有空白）时，%[1]s 越界 panic"},
	{En: "%s panics when %s has fewer than %d fields", Zh: "%[2]s 的字段少于 %[3]d 个时，%[1]s 越界 panic"},
	{En: "%s panics when the program is run without arguments", Zh: "不带参数启动程序时，%s 越界 panic"},
	{En: "%s panics when the program is run with fewer than %d arguments", Zh: "启动参数少于 %[2]d 个时，%[1]s 越界 panic"},
	{En: "%s panics when no arguments follow the flags", Zh: "flag 之后没有参数时，%s 越界 panic"},
	{En: "%s panics when fewer than %d arguments follow the flags", Zh: "flag 之后的参数少于 %[2]d 个时，%[1]s 越界 panic"},
	{En: "%s panics when the regexp does not match: %s returns nil then", Zh: "正则没匹配上时 %[2]s 返回 nil，%[1]s 越界 panic"},
	{En: "%s panics when the regexp finds no match: %s returns nil then", Zh: "正则一个也没匹配上时 %[2]s 返回 nil，%[1]s 越界 panic"},
	{En: "%s panics when %s has fewer than %d elements", Zh: "%[2]s 的元素少于 %[3]d 个时，%[1]s 越界 panic"},
	// Fix titles: a check, then an exit.
	{En: "Check len(%s) and %s", Zh: "先检查 len(%[1]s)，不够长就%[2]s"},
	{En: "Check %s for nil and %s", Zh: "先检查 %[1]s 是否为 nil，没匹配上就%[2]s"},
	{En: "Check %s.NArg() and %s", Zh: "先检查 %[1]s.NArg()，参数不够就%[2]s"},
	{En: "Use %s and %s when %s has no %q", Zh: "改用 %[1]s，%[3]s 里没有 %[4]s 时%[2]s"},
	{En: "return an error", Zh: "返回 err"},
	{En: "return early", Zh: "提前 return"},
	{En: "return zero values", Zh: "返回零值"},
	{En: "skip to the next iteration", Zh: "continue 跳过这一条"},
	{En: "exit with the usage message", Zh: "打印 usage 后退出"},
	{En: "exit with a usage message", Zh: "打印 usage 后退出"},
	{En: "fail the test", Zh: "让测试失败"},
}
