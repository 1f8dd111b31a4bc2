package makeinit

import "github.com/gopitfalls/gopitfalls/rules/rule"

// Messages are the titles of the fixes made here, with their Chinese, for
// the catalogs of the rules that offer them.
var Messages = []rule.Message{
	{En: "Declare %s with make(%s)",
		Zh: "声明 %[1]s 时就用 make(%[2]s) 初始化"},
	{En: "Initialize %s with make(%s)",
		Zh: "包级变量 %[1]s 声明时就用 make(%[2]s) 初始化"},
	{En: "Make %s after declaring %s",
		Zh: "声明 %[2]s 之后立即 make %[1]s"},
	{En: "Add %s to the literal",
		Zh: "在字面量里加上 %[1]s"},
}
