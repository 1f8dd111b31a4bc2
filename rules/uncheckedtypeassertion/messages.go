package uncheckedtypeassertion

import "github.com/gopitfalls/gopitfalls/rules/rule"

// messages are the rule's diagnostic messages and fix titles with their Chinese.
var messages = []rule.Message{
	{En: "unchecked type assertion %s panics when %s holds another type",
		Zh: "类型断言 %[1]s 没有检查：%[2]s 里装的不是这个类型时会 panic"},
	{En: "Check the type assertion and return an error",
		Zh: "改成 comma-ok 检查，断言失败时返回 err"},
	{En: "Check the type assertion and fail the test",
		Zh: "改成 comma-ok 检查，断言失败时让测试失败"},
	{En: "Check the type assertion and return false",
		Zh: "改成 comma-ok 检查，断言失败时返回 false"},
}
