package concurrentmap

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages, related-information messages and fix titles, with
// their Chinese.
var (
	msgLoopRace = rule.M("concurrent write to map %s: every goroutine started in this loop writes it with no lock held",
		"并发写映射 %s：这个循环起的每个协程都在没加锁的情况下写它")
	msgLauncherRace = rule.M("concurrent write to map %s: the launching function %s it at line %d while this goroutine may still be writing",
		"并发写映射 %[1]s：起协程的函数在第 %[3]d 行%[2]s它，这个协程可能还在写")
	msgReads       = rule.M("reads", "读")
	msgWrites      = rule.M("writes", "写")
	msgOtherLaunch = rule.M("concurrent write to map %s: the goroutine started at line %d also uses it, with no lock held here",
		"并发写映射 %[1]s：第 %[2]d 行起的协程也在用它，这里写的时候没有加锁")
	msgReadLock  = rule.M("%s (a read lock does not exclude other writers)", "%s（读锁挡不住其他写的协程）")
	msgNamedLoop = rule.M("concurrent write to map %s: %s runs in a goroutine started on every iteration of the loop at line %d, and writes it with no lock held",
		"并发写映射 %[1]s：%[2]s 在第 %[3]d 行的循环里每轮都起一个协程来跑，它写这个映射时没有加锁")

	// Related information.
	msgStartedHere    = rule.M("started here, once per iteration", "在这里启动，每轮一个")
	msgUsedHere       = rule.M("%s is used here without waiting for the goroutine", "这里没有等协程结束就用了 %s")
	msgAnotherRoutine = rule.M("another goroutine using %s", "另一个也在用 %s 的协程")

	// Fix titles.
	msgGuardLikeOthers = rule.M("Guard %s with %s, like its other uses", "像其他访问一样，用 %[2]s 保护 %[1]s")
	msgGuardNew        = rule.M("Guard %s with a sync.Mutex", "加一个 sync.Mutex 保护 %s")
	msgGuard           = rule.M("Guard %s with %s", "用 %[2]s 保护 %[1]s")
)
