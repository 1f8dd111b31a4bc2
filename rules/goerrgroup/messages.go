package goerrgroup

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese. A fix's title
// is composed of parts (what the rewrite does, then what changes), each a
// text of its own.
var (
	msgDropJoined = rule.M("goroutines fanned out in a loop and %s drop the error of %s; use errgroup so it reaches the caller",
		"在循环里扇出协程，并且%[1]s，却丢掉了 %[2]s 的 err；用 errgroup 把 err 交回给调用方")
	msgDropRemote = rule.M("goroutines fanned out in a loop and %s drop the error of %s; it reaches no one",
		"在循环里扇出协程，并且%[1]s，却丢掉了 %[2]s 的 err；这个 err 交不到任何人手里")
	msgDropFan = rule.M("goroutines fanned out in a loop drop the error of %s; nothing waits for them and the error reaches no one",
		"在循环里扇出的协程丢掉了 %s 的 err；没有人等它们结束，err 也交不到任何人手里")
	msgDrop     = rule.M("goroutine drops the error of %s; no one sees it fail", "协程丢掉了 %s 的 err，失败了也没人知道")
	msgPanicFan = rule.M("goroutines fanned out in a loop and %s; a panic in one crashes the process",
		"在循环里扇出协程，并且%s；任何一个协程 panic 都会让整个进程退出")
	msgPanicLoop = rule.M("goroutines fanned out in a loop; a panic in one crashes the process",
		"在循环里扇出协程；任何一个协程 panic 都会让整个进程退出")
	msgPanic       = rule.M("go %s: a panic in the goroutine crashes the process", "go %s：协程里 panic 会让整个进程退出")
	msgJoinedIn    = rule.M("joined by %s in %s", "由 %[2]s 里的 %[1]s 等待它们")
	msgJoinedBy    = rule.M("joined by %s", "用 %s 等待它们")
	msgCollectedBy = rule.M("collected from %s by hand", "手工从 %s 收集结果")

	// Fix titles.
	msgWithInstead     = rule.M("%s (with %s, as go.mod does not require %s)", "%s（改用 %s，因为 go.mod 没有 require %s）")
	msgRewriteWith     = rule.M("Rewrite the WaitGroup to errgroup: %s", "把 WaitGroup 改写成 errgroup：%s")
	msgRewrite         = rule.M("Rewrite the WaitGroup to errgroup", "把 WaitGroup 改写成 errgroup")
	msgWaitWith        = rule.M("Wait for the goroutines with errgroup: %s", "用 errgroup 等待这些协程：%s")
	msgWait            = rule.M("Wait for the goroutines with errgroup", "用 errgroup 等待这些协程")
	msgAnd             = rule.M("%s, %s", "%s，%s")
	msgBlocks          = rule.M("%s now blocks until they finish", "%s 现在会阻塞到它们全部结束")
	msgTheFunction     = rule.M("the function", "这个函数")
	msgFirstErrCancels = rule.M("Wait returns the first error of %s and cancels ctx", "Wait 返回 %s 的第一个 err 并 cancel ctx")
	msgFirstErr        = rule.M("Wait returns the first error of %s", "Wait 返回 %s 的第一个 err")
	msgPanicsErrors    = rule.M("panics become errors", "panic 会变成 err")
	msgFailsTest       = rule.M("fails the test on its error", "出错时让测试失败")
	msgLogsWait        = rule.M("logs Wait's error", "把 Wait 的 err 打到日志里")
	msgDiscardsWait    = rule.M("discards Wait's error", "丢弃 Wait 的 err")
)
