package indexrange

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese. A fix's title
// is composed of a check and an exit, each a text of its own.
var (
	msgSplitNMax   = rule.M("%s is out of range: %s returns at most %d elements", "%[1]s 越界：%[2]s 最多只返回 %[3]d 个元素")
	msgEmpty       = rule.M("%s is out of range: %s is empty here", "%[1]s 越界：这里 %[2]s 是空的")
	msgLength      = rule.M("%s is out of range: %s has length %d", "%[1]s 越界：%[2]s 的长度是 %[3]d")
	msgAtMostOne   = rule.M("%s is out of range: %s has at most 1 element here", "%[1]s 越界：这里 %[2]s 最多只有 1 个元素")
	msgAtMost      = rule.M("%s is out of range: %s has at most %d elements here", "%[1]s 越界：这里 %[2]s 最多只有 %[3]d 个元素")
	msgNoSep       = rule.M("%s panics when %s contains no %q", "%[2]s 里没有 %[3]q 时，%[1]s 越界 panic")
	msgFewSeps     = rule.M("%s panics when %s contains fewer than %d %q", "%[2]s 里的 %[4]q 少于 %[3]d 个时，%[1]s 越界 panic")
	msgBlank       = rule.M("%s panics when %s is blank", "%[2]s 为空（或只有空白）时，%[1]s 越界 panic")
	msgFewFields   = rule.M("%s panics when %s has fewer than %d fields", "%[2]s 的字段少于 %[3]d 个时，%[1]s 越界 panic")
	msgNoArgs      = rule.M("%s panics when the program is run without arguments", "不带参数启动程序时，%s 越界 panic")
	msgFewArgs     = rule.M("%s panics when the program is run with fewer than %d arguments", "启动参数少于 %[2]d 个时，%[1]s 越界 panic")
	msgNoFlagArgs  = rule.M("%s panics when no arguments follow the flags", "flag 之后没有参数时，%s 越界 panic")
	msgFewFlagArgs = rule.M("%s panics when fewer than %d arguments follow the flags", "flag 之后的参数少于 %[2]d 个时，%[1]s 越界 panic")
	msgNoSubmatch  = rule.M("%s panics when the regexp does not match: %s returns nil then", "正则没匹配上时 %[2]s 返回 nil，%[1]s 越界 panic")
	msgNoMatch     = rule.M("%s panics when the regexp finds no match: %s returns nil then", "正则一个也没匹配上时 %[2]s 返回 nil，%[1]s 越界 panic")
	msgFewElements = rule.M("%s panics when %s has fewer than %d elements", "%[2]s 的元素少于 %[3]d 个时，%[1]s 越界 panic")

	// Fix titles: a check, then an exit.
	msgCheckLen    = rule.M("Check len(%s) and %s", "先检查 len(%[1]s)，不够长就%[2]s")
	msgCheckNil    = rule.M("Check %s for nil and %s", "先检查 %[1]s 是否为 nil，没匹配上就%[2]s")
	msgCheckNArg   = rule.M("Check %s and %s", "先检查 %[1]s，参数不够就%[2]s")
	msgUseCut      = rule.M("Use %s and %s when %s has no %q", "改用 %[1]s，%[3]s 里没有 %[4]q 时%[2]s")
	msgReturnErr   = rule.M("return an error", "返回 err")
	msgReturnEarly = rule.M("return early", "提前 return")
	msgReturnZero  = rule.M("return zero values", "返回零值")
	msgContinue    = rule.M("skip to the next iteration", "continue 跳过这一条")
	msgFlagUsage   = rule.M("exit with the usage message", "打印 usage 后退出")
	msgUsage       = rule.M("exit with a usage message", "打印 usage 后退出")
	msgFailTest    = rule.M("fail the test", "让测试失败")
)
