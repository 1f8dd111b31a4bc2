package goerrgroup

import "github.com/gopitfalls/gopitfalls/rules/rule"

// messages are the rule's diagnostic messages and fix titles with their
// Chinese. Fix titles are composed of parts (what the rewrite does, then
// what changes), which translate one by one.
var messages = []rule.Message{
	{En: "goroutines fanned out in a loop and %s drop the error of %s; use errgroup so it reaches the caller",
		Zh: "在循环里扇出协程，并且%[1]s，却丢掉了 %[2]s 的 err；用 errgroup 把 err 交回给调用方"},
	{En: "goroutines fanned out in a loop and %s drop the error of %s; it reaches no one",
		Zh: "在循环里扇出协程，并且%[1]s，却丢掉了 %[2]s 的 err；这个 err 交不到任何人手里"},
	{En: "goroutines fanned out in a loop drop the error of %s; nothing waits for them and the error reaches no one",
		Zh: "在循环里扇出的协程丢掉了 %s 的 err；没有人等它们结束，err 也交不到任何人手里"},
	{En: "goroutine drops the error of %s; no one sees it fail", Zh: "协程丢掉了 %s 的 err，失败了也没人知道"},
	{En: "goroutines fanned out in a loop and %s; a panic in one crashes the process",
		Zh: "在循环里扇出协程，并且%s；任何一个协程 panic 都会让整个进程退出"},
	{En: "goroutines fanned out in a loop; a panic in one crashes the process",
		Zh: "在循环里扇出协程；任何一个协程 panic 都会让整个进程退出"},
	{En: "go %s: a panic in the goroutine crashes the process",
		Zh: "go %s：协程里 panic 会让整个进程退出"},
	{En: "joined by %s in %s", Zh: "由 %[2]s 里的 %[1]s 等待它们"},
	{En: "joined by %s", Zh: "用 %s 等待它们"},
	{En: "collected from %s by hand", Zh: "手工从 %s 收集结果"},
	// Fix titles.
	{En: "%s (with %s, as go.mod does not require %s)", Zh: "%s（改用 %s，因为 go.mod 没有 require %s）"},
	{En: "Rewrite the WaitGroup to errgroup: %s", Zh: "把 WaitGroup 改写成 errgroup：%s"},
	{En: "Rewrite the WaitGroup to errgroup", Zh: "把 WaitGroup 改写成 errgroup"},
	{En: "Wait for the goroutines with errgroup: %s", Zh: "用 errgroup 等待这些协程：%s"},
	{En: "Wait for the goroutines with errgroup", Zh: "用 errgroup 等待这些协程"},
	{En: "%s, %s", Zh: "%s，%s"},
	{En: "%s now blocks until they finish", Zh: "%s 现在会阻塞到它们全部结束"},
	{En: "Wait returns the first error of %s and cancels ctx", Zh: "Wait 返回 %s 的第一个 err 并 cancel ctx"},
	{En: "Wait returns the first error of %s", Zh: "Wait 返回 %s 的第一个 err"},
	{En: "panics become errors", Zh: "panic 会变成 err"},
	{En: "fails the test on its error", Zh: "出错时让测试失败"},
	{En: "logs Wait's error", Zh: "把 Wait 的 err 打到日志里"},
	{En: "discards Wait's error", Zh: "丢弃 Wait 的 err"},
}
