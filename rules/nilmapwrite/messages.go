package nilmapwrite

import (
	"github.com/gopitfalls/gopitfalls/rules/internal/makeinit"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// messages is the rule's catalog: every diagnostic message and fix title
// with its Chinese.
var messages = append([]rule.Message{
	{En: "assignment to entry in nil map %s; %s is declared without make",
		Zh: "向未初始化（nil）的映射 %[1]s 写入：%[2]s 声明时没有 make"},
	{En: "assignment to entry in nil map %s; %s is never made",
		Zh: "向未初始化（nil）的映射 %[1]s 写入：%[2]s 从没 make 过"},
	{En: "assignment to entry in nil map %s; %s is nil on every path to here",
		Zh: "向未初始化（nil）的映射 %[1]s 写入：走到这里的每条路径上 %[2]s 都是 nil"},
	{En: "assignment to entry in nil map %s; %s is not made on every path to here",
		Zh: "向未初始化（nil）的映射 %[1]s 写入：有的路径走到这里时 %[2]s 还没 make"},
	{En: "assignment to entry in nil map %s; nothing in the package makes %s",
		Zh: "向未初始化（nil）的映射 %[1]s 写入：包里没有任何地方 make 过 %[2]s"},
}, makeinit.Messages...)
