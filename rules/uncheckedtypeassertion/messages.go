package uncheckedtypeassertion

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's message and fix titles, with their Chinese.
var (
	msgUnchecked = rule.M("unchecked type assertion %s panics when %s holds another type",
		"类型断言 %[1]s 没有检查：%[2]s 里装的不是这个类型时会 panic")

	// Fix titles.
	msgReturnErr   = rule.M("Check the type assertion and return an error", "改成 comma-ok 检查，断言失败时返回 err")
	msgFailTest    = rule.M("Check the type assertion and fail the test", "改成 comma-ok 检查，断言失败时让测试失败")
	msgReturnFalse = rule.M("Check the type assertion and return false", "改成 comma-ok 检查，断言失败时返回 false")
)
