package nilmapwrite

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's message, with its Chinese; the reason (ssapath's Why) and
// the fix titles (makeinit's) come with theirs.
var msgNilMapWrite = rule.M("assignment to entry in nil map %s; %s", "向未初始化（nil）的映射 %[1]s 写入：%[2]s")
