package databusconsume

import "github.com/gopitfalls/gopitfalls/rules/rule"

// messages are the rule's diagnostic messages and fix titles with their
// Chinese.
var messages = []rule.Message{
	{En: "receive from %s without ok: after the consumer is closed the channel is closed, %s is nil and the loop spins or panics",
		Zh: "从 %s 接收没有判断 ok：consumer 关闭后通道也关了，%s 是 nil，循环会空转或者 panic"},
	{En: "the message", Zh: "消息"},
	{En: "error of json.Unmarshal(%s, %s) is dropped: a malformed message is processed with %s left zero",
		Zh: "json.Unmarshal(%s, %s) 的 err 没处理：格式不对的消息会带着零值的 %s 继续往下处理"},
	{En: "%s is committed before it is processed: if processing fails or the service stops, the message is lost (at-most-once delivery)",
		Zh: "%s 还没处理就先 Commit 了：处理失败或者服务重启，这条消息就丢了（至多一次）"},
	// Fix titles.
	{En: "Range over %s: the loop ends when the consumer is closed", Zh: "改成 range %s：consumer 关闭后循环自动结束"},
	{En: "Check ok and leave the loop when the channel is closed", Zh: "判断 ok，通道关闭时跳出循环"},
	{En: "Check ok and return when the channel is closed", Zh: "判断 ok，通道关闭时 return"},
	{En: "Log the Unmarshal error and skip the message (the next Commit acknowledges its offset)",
		Zh: "打日志并跳过这条消息（下一条的 Commit 会把它的 offset 一起确认）"},
	{En: "Log the Unmarshal error and skip the already committed message", Zh: "打日志并跳过这条已经 Commit 的消息"},
	{En: "Log the Unmarshal error and skip the message", Zh: "打日志并跳过这条消息"},
	{En: "Return the Unmarshal error", Zh: "返回 Unmarshal 的 err"},
	{En: "Log the Unmarshal error and return", Zh: "打日志并 return"},
}
