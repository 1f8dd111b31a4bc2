package unhandlederror

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese.
var (
	msgNotChecked     = rule.M("error returned by %s is not checked", "%s 返回的 err 没有处理")
	msgNowhereChecked = rule.M("error returned by %s is not checked, here or anywhere else in this package", "%s 返回的 err 没有处理，这个包里别处也都没处理")
	msgBuiltDropped   = rule.M("%s builds an error and drops it: nothing returns, logs or checks it (a return was meant?)", "%s 构造了一个 error 却直接丢掉了：既没有返回，也没有打日志或检查（本来是想 return 吧？）")
	msgFailsOnlyWith  = rule.M("%s; it fails only with %s", "%s；它只会返回 %s 这类预定义错误")

	// v, _ := f(), by what v holds when f fails.
	msgDiscardedNil   = rule.M("error returned by %s is discarded; %s may be nil when it fails", "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是 nil")
	msgDiscardedZero  = rule.M("error returned by %s is discarded; %s may be 0 when it fails", "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是 0")
	msgDiscardedEmpty = rule.M("error returned by %s is discarded; %s may be empty when it fails", "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是空的")
	msgDiscardedFalse = rule.M("error returned by %s is discarded; %s may be false when it fails", "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是 false")
	msgDiscardedValue = rule.M("error returned by %s is discarded; %s may be a zero value when it fails", "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 可能是零值")
	msgFallback       = rule.M("error returned by %s is discarded; %s holds its fallback when it fails", "%[1]s 返回的 err 被丢掉了；它失败时 %[2]s 拿到的是它给的备用值")
	msgNilOnSuccess   = rule.M("error returned by %s is discarded; %s may be nil even when it succeeds", "%[1]s 返回的 err 被丢掉了；它成功时 %[2]s 也可能是 nil")

	// An error kept in a variable and lost.
	msgComparedOver = rule.M("%s from %s is only compared with %s before it is overwritten at line %d; other failures are lost",
		"%[2]s 返回的 %[1]s 只和 %[3]s 比较过，就在第 %[4]d 行被覆盖了；其他错误都丢了")
	msgCompared  = rule.M("%s from %s is only compared with %s; other failures are lost", "%[2]s 返回的 %[1]s 只和 %[3]s 比较过；其他错误都丢了")
	msgOver      = rule.M("%s from %s is overwritten at line %d before it is checked", "%[2]s 返回的 %[1]s 还没检查，就在第 %[3]d 行被覆盖了")
	msgUnchecked = rule.M("%s from %s is never checked", "%[2]s 返回的 %[1]s 从来没有检查")

	// Fix titles.
	msgReturn      = rule.M("Check the error and return it", "检查 err 并返回")
	msgReturnBuilt = rule.M("Return the error", "把这个 error 返回")
	msgWrap        = rule.M("Check the error and return it wrapped with fmt.Errorf", "检查 err，用 fmt.Errorf 包一层后返回")
	msgFatal       = rule.M("Check the error and fail the test with %s", "检查 err，用 %s 让测试失败")
	msgLogWith     = rule.M("Check the error and log it with %s", "检查 err，用 %s 打日志")
)
