package channelclose

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese; why a channel
// is nil (ssapath's Why) and the fixes that make it (makeinit's) come
// with theirs.
var (
	msgNilClose    = rule.M("close of nil channel %s; %s", "关闭了未初始化（nil）的通道 %[1]s：%[2]s")
	msgClosedAt    = rule.M("close of closed channel %s; it is already closed at line %d", "重复关闭通道 %[1]s：第 %[2]d 行已经关闭过")
	msgClosedLoop  = rule.M("close of closed channel %s; the loop closes it again on its next iteration", "重复关闭通道 %[1]s：循环的下一轮会再关一次")
	msgClosedDefer = rule.M("close of closed channel %s; the deferred close at line %d closes it again when the function returns",
		"重复关闭通道 %[1]s：第 %[2]d 行的 defer close 在函数返回时还会再关一次")
	msgSend = rule.M("send on closed channel %s; it is closed at line %d", "向已关闭的通道 %[1]s 发送数据：第 %[2]d 行已经把它关了")
	msgSpin = rule.M("receive from %s without ok in a loop with no exit; once %s is closed the loop spins on zero values",
		"没有出口的循环里不带 ok 从 %[1]s 接收：%[2]s 一关闭，循环就不停地收到零值空转")

	// Fix titles.
	msgRemoveSecond       = rule.M("Remove the second close(%s)", "删掉第二次 close(%[1]s)")
	msgRemoveSecondPruned = rule.M("Remove the second close(%s) and the if around it", "删掉第二次 close(%[1]s)，连同外面那个只剩空壳的 if")
	msgRemoveDefer        = rule.M("Remove the deferred close(%s)", "删掉 defer close(%[1]s)")
	msgRemoveDeferPruned  = rule.M("Remove the deferred close(%s) and the if around it", "删掉 defer close(%[1]s)，连同外面那个只剩空壳的 if")
	msgRange              = rule.M("Range over %s", "改成 for range %[1]s")
	msgStopWhenClosed     = rule.M("Stop the loop when %s is closed", "%[1]s 关闭时退出循环")
	msgReturnWhenClosed   = rule.M("Return when %s is closed", "%[1]s 关闭时 return")
	msgReturnAfter        = rule.M("Return after receiving from %s", "从 %[1]s 收到信号后 return")
)
