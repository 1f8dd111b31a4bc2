package ssapath

import "github.com/gopitfalls/gopitfalls/rules/rule"

// Why a map or channel is nil, as the end of a rule's message.
var (
	msgNothingMakes     = rule.M("nothing in the package makes %s", "包里没有任何地方 make 过 %s")
	msgDeclaredWithout  = rule.M("%s is declared without make", "%s 声明时没有 make")
	msgNeverMade        = rule.M("%s is never made", "%s 从没 make 过")
	msgNilEveryPath     = rule.M("%s is nil on every path to here", "走到这里的每条路径上 %s 都是 nil")
	msgNotMadeEveryPath = rule.M("%s is not made on every path to here", "有的路径走到这里时 %s 还没 make")
)
