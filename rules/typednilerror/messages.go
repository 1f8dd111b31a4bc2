package typednilerror

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese. A message says
// where the nil pointer comes from, then what returning it does.
var (
	msgReturnedAs = rule.M("%s; returned as %s it is not nil", "%s；当作 %s 返回出去就不是 nil 了")
	msgCallNil    = rule.M("%s can return a nil %s", "%[1]s 可能返回 nil 的 %[2]s")
	msgFromNil    = rule.M("%s can be a nil %s from %s", "%[1]s 可能是 %[3]s 返回的 nil %[2]s")
	msgFieldNil   = rule.M("%s can be a nil %s", "%[1]s 可能是 nil 的 %[2]s")
	msgAssertNil  = rule.M("%s is a nil %s when the type assertion fails", "类型断言失败时 %[1]s 是 nil 的 %[2]s")
	msgIsNil      = rule.M("%s is a nil %s here", "%[1]s 在这里是 nil 的 %[2]s")
	msgMayBeNil   = rule.M("%s can be a nil %s here", "%[1]s 在这里可能是 nil 的 %[2]s")
	msgTheResult  = rule.M("the result", "结果")

	// Fix titles.
	msgDeclareAs        = rule.M("Declare %s as %s", "把 %[1]s 声明成 %[2]s")
	msgReturnNilWhenRet = rule.M("Return nil explicitly when %s returns nil", "%s 返回 nil 时明确 return nil")
	msgReturnNil        = rule.M("Return nil instead of the nil %s", "直接 return nil，不要返回 nil 的 %s")
	msgReturnNilWhenNil = rule.M("Return nil explicitly when %s is nil", "%s 为 nil 时明确 return nil")
)

// Kratos v2/v3: comparisons of gRPC client errors (grpcerr.go).
var (
	msgGRPCCompare = rule.M(
		"%s is always false: %s comes from the gRPC client call %s, which returns a *status.Error, never the server's *errors.Error; %s",
		"%[1]s 永远是 false：%[2]s 来自 gRPC client 调用 %[3]s，拿到的是 *status.Error，不会是服务端的 *errors.Error；%[4]s")
	msgGRPCCompareNeq = rule.M(
		"%s is always true: %s comes from the gRPC client call %s, which returns a *status.Error, never the server's *errors.Error; %s",
		"%[1]s 永远是 true：%[2]s 来自 gRPC client 调用 %[3]s，拿到的是 *status.Error，不会是服务端的 *errors.Error；%[4]s")
	msgUseIs     = rule.M("use %s", "请用 %s")
	msgUseReason = rule.M("compare errors.Reason(err) and errors.Code(err), or use the generated Is… function",
		"请比较 errors.Reason(err) 和 errors.Code(err)，或者用生成的 Is… 函数")
	msgFixIs = rule.M("Test with %s", "改成 %s")
)
