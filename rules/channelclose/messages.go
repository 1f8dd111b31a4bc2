package channelclose

import (
	"github.com/gopitfalls/gopitfalls/rules/internal/makeinit"
	"github.com/gopitfalls/gopitfalls/rules/rule"
)

// messages is the rule's catalog: every diagnostic message and fix title
// with its Chinese.
var messages = append([]rule.Message{
	{En: "close of nil channel %s; %s is declared without make",
		Zh: "关闭了未初始化（nil）的通道 %[1]s：%[2]s 声明时没有 make"},
	{En: "close of nil channel %s; %s is never made",
		Zh: "关闭了未初始化（nil）的通道 %[1]s：%[2]s 从没 make 过"},
	{En: "close of nil channel %s; %s is nil on every path to here",
		Zh: "关闭了未初始化（nil）的通道 %[1]s：走到这里的每条路径上 %[2]s 都是 nil"},
	{En: "close of nil channel %s; %s is not made on every path to here",
		Zh: "关闭了未初始化（nil）的通道 %[1]s：有的路径走到这里时 %[2]s 还没 make"},
	{En: "close of nil channel %s; nothing in the package makes %s",
		Zh: "关闭了未初始化（nil）的通道 %[1]s：包里没有任何地方 make 过 %[2]s"},
	{En: "close of closed channel %s; it is already closed at line %d",
		Zh: "重复关闭通道 %[1]s：第 %[2]d 行已经关闭过"},
	{En: "close of closed channel %s; the loop closes it again on its next iteration",
		Zh: "重复关闭通道 %[1]s：循环的下一轮会再关一次"},
	{En: "close of closed channel %s; the deferred close at line %d closes it again when the function returns",
		Zh: "重复关闭通道 %[1]s：第 %[2]d 行的 defer close 在函数返回时还会再关一次"},
	{En: "send on closed channel %s; it is closed at line %d",
		Zh: "向已关闭的通道 %[1]s 发送数据：第 %[2]d 行已经把它关了"},
	{En: "receive from %s without ok in a loop with no exit; once %s is closed the loop spins on zero values",
		Zh: "没有出口的循环里不带 ok 从 %[1]s 接收：%[2]s 一关闭，循环就不停地收到零值空转"},
	{En: "Remove the second close(%s)",
		Zh: "删掉第二次 close(%[1]s)"},
	{En: "Remove the second close(%s) and the if around it",
		Zh: "删掉第二次 close(%[1]s)，连同外面那个只剩空壳的 if"},
	{En: "Remove the deferred close(%s)",
		Zh: "删掉 defer close(%[1]s)"},
	{En: "Remove the deferred close(%s) and the if around it",
		Zh: "删掉 defer close(%[1]s)，连同外面那个只剩空壳的 if"},
	{En: "Range over %s",
		Zh: "改成 for range %[1]s"},
	{En: "Stop the loop when %s is closed",
		Zh: "%[1]s 关闭时退出循环"},
	{En: "Return when %s is closed",
		Zh: "%[1]s 关闭时 return"},
	{En: "Return after receiving from %s",
		Zh: "从 %[1]s 收到信号后 return"},
}, makeinit.Messages...)
