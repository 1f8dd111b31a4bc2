package kafkaconsume

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese.
var (
	// kafka-go
	msgReadCommits = rule.M(
		"%s.ReadMessage commits %s before returning it (the reader has a GroupID): if processing fails or the service stops, the message is lost (at-most-once); use FetchMessage, then CommitMessages after the work",
		"%s 配了 GroupID，ReadMessage 在返回 %s 之前就已经 commit 了：处理失败或者服务重启，这条消息就丢了（至多一次）；改用 FetchMessage，处理完再 CommitMessages")
	msgReadCommitsInfo = rule.M(
		"%s.ReadMessage commits %s before returning it (the reader has a GroupID): a crash during the processing loses the message (at-most-once)",
		"%s 配了 GroupID，ReadMessage 在返回 %s 之前就已经 commit 了：处理到一半进程挂了，这条消息就丢了（至多一次）")
	msgProcessedHere = rule.M("%s processed here", "这里才处理 %s")
	msgSpin          = rule.M(
		"the loop goes on after any error reading from %s: once the reader is closed (or ctx is done) every read fails at once with io.EOF (or ctx.Err()), and the loop spins forever; leave it on io.EOF and when ctx is done",
		"从 %s 读消息出错后循环照样继续：reader 关闭后（或 ctx 结束后）每次读都立刻返回 io.EOF（或 ctx.Err()），循环会一直空转；遇到 io.EOF 和 ctx 结束时要退出循环")
	msgRetryForever = rule.M(
		"the loop retries any error reading from %s: once the reader is closed (or ctx is done) every read fails with io.EOF (or ctx.Err()) and the loop never ends; leave it on io.EOF and when ctx is done",
		"从 %s 读消息出错后循环一直重试：reader 关闭后（或 ctx 结束后）每次读都返回 io.EOF（或 ctx.Err()），循环永远不会结束；遇到 io.EOF 和 ctx 结束时要退出循环")
	msgEOFCompare = rule.M(
		"%s.ReadMessage wraps io.EOF (\"fetching message: EOF\"): this comparison is never true once the reader is closed; use errors.Is",
		"%s.ReadMessage 返回的 io.EOF 是包过一层的（\"fetching message: EOF\"）：reader 关闭后这个比较也永远不成立；要用 errors.Is")
	msgCommitNoGroup = rule.M(
		"%s has no GroupID: CommitMessages always fails with \"unavailable when GroupID is not set\"",
		"%s 没有配 GroupID：CommitMessages 永远返回 \"unavailable when GroupID is not set\"")

	// sarama
	msgSaramaReceive = rule.M(
		"receive from %s without ok: the channel is closed when the claim is released (a rebalance) or the consumer closed; %s is then nil and reading it panics",
		"从 %s 接收没有判断 ok：claim 被收回（rebalance）或者 consumer 关闭时通道会关闭，%s 就是 nil，一读就 panic")
	msgReceiveClosed = rule.M(
		"receive from %s without ok: once the channel is closed %s is nil and reading it panics",
		"从 %s 接收没有判断 ok：通道关闭后 %s 就是 nil，一读就 panic")
	msgMarkBefore = rule.M(
		"%s is marked before it is processed: the offset can be committed before the work is done, and a failure or a restart loses the message (at-most-once)",
		"%s 还没处理就先 MarkMessage 了：offset 可能在处理完之前就被提交，处理失败或者重启，这条消息就丢了（至多一次）")
	msgConsumeOnce = rule.M(
		"%s.Consume is called once: it returns at the first rebalance (a member joins or leaves), and this instance stops consuming; call it in a loop until ctx is done",
		"%s.Consume 只调用了一次：第一次 rebalance（有实例加入或退出）时它就返回了，这个实例从此不再消费；要在循环里调用，直到 ctx 结束")

	// kratos-transport
	msgSubscribeNoQueue = rule.M(
		"%s without broker.WithQueueName: the Kafka broker makes up a random consumer group (a UUID) for each subscription, so every instance receives every message and each restart reads the topic again from its first offset",
		"%s 没有传 broker.WithQueueName：Kafka broker 会给每次订阅随机生成一个 consumer group（UUID），每个实例都会收到每一条消息，每次重启都从最早的 offset 重新消费整个 topic")
	msgSubscribeEmptyQueue = rule.M(
		"%s with an empty queue name: the reader has no GroupID, so it reads partition 0 only, from the first offset on every start, and every Ack fails",
		"%s 的 queue 名是空字符串：reader 没有 GroupID，只读 0 号 partition，每次启动都从最早的 offset 开始，而且每次 Ack 都会失败")
	msgPublishAsync = rule.M(
		"%s.Publish returns before the message is written: the Kafka broker's writer is asynchronous by default, so a failed write never reaches this error (pass kafka.WithAsync(false) to the broker, or kafka.WithCompletion)",
		"%s.Publish 在消息真正写入之前就返回了：Kafka broker 的 writer 默认是异步的，写失败不会体现在这个 err 上（给 broker 传 kafka.WithAsync(false)，或者用 kafka.WithCompletion）")

	// Fix titles.
	fixFetchCommit = rule.M("Fetch with FetchMessage and commit %s after processing it (at-least-once)", "改用 FetchMessage，处理完 %s 再 CommitMessages（至少一次）")
	fixErrorsIs    = rule.M("Compare %s with errors.Is", "用 errors.Is 判断 %s")
	fixSaramaOk    = rule.M("Check ok and return when %s is closed", "判断 ok，%s 关闭时 return")
)
