package databusconsume

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages, related-information messages and fix titles, with
// their Chinese.
var (
	msgRecvWithoutOK = rule.M("receive from %s without ok: after the consumer is closed the channel is closed, %s is nil and the loop spins or panics",
		"从 %s 接收没有判断 ok：consumer 关闭后通道也关了，%s 是 nil，循环会空转或者 panic")
	msgTheMessage = rule.M("the message", "消息")
	msgUnmarshal  = rule.M("error of json.Unmarshal(%s, %s) is dropped: a malformed message is processed with %s left zero",
		"json.Unmarshal(%s, %s) 的 err 没处理：格式不对的消息会带着零值的 %s 继续往下处理")
	msgCommitFirst = rule.M("%s is committed before it is processed: if processing fails or the service stops, the message is lost (at-most-once delivery)",
		"%s 还没处理就先 Commit 了：处理失败或者服务重启，这条消息就丢了（至多一次）")
	msgProcessedHere = rule.M("%s processed here", "%s 在这里处理")

	// Fix titles.
	msgRange           = rule.M("Range over %s: the loop ends when the consumer is closed", "改成 range %s：consumer 关闭后循环自动结束")
	msgCheckOKBreak    = rule.M("Check ok and leave the loop when the channel is closed", "判断 ok，通道关闭时跳出循环")
	msgCheckOKReturn   = rule.M("Check ok and return when the channel is closed", "判断 ok，通道关闭时 return")
	msgSkipCommitAfter = rule.M("Log the Unmarshal error and skip the message (the next Commit acknowledges its offset)",
		"打日志并跳过这条消息（下一条的 Commit 会把它的 offset 一起确认）")
	msgSkipCommitted = rule.M("Log the Unmarshal error and skip the already committed message", "打日志并跳过这条已经 Commit 的消息")
	msgSkip          = rule.M("Log the Unmarshal error and skip the message", "打日志并跳过这条消息")
	msgReturnErr     = rule.M("Return the Unmarshal error", "返回 Unmarshal 的 err")
	msgLogReturn     = rule.M("Log the Unmarshal error and return", "打日志并 return")
)
