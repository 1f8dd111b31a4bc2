package makeinit

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The titles of the fixes made here, with their Chinese.
var (
	msgDeclare    = rule.M("Declare %s with make(%s)", "声明 %[1]s 时就用 make(%[2]s) 初始化")
	msgInitialize = rule.M("Initialize %s with make(%s)", "包级变量 %[1]s 声明时就用 make(%[2]s) 初始化")
	msgMakeAfter  = rule.M("Make %s after declaring %s", "声明 %[2]s 之后立即 make %[1]s")
	msgAddToLit   = rule.M("Add %s to the literal", "在字面量里加上 %[1]s")
)
