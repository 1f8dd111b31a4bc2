package deadlock

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages, related-information messages and fix titles, with
// their Chinese. The message of a lock left held is composed of parts
// (what is locked, where the function returns, what blocks next), each a
// text of its own.
var (
	// A lock left held.
	msgNotUnlocked   = rule.M("%s is not unlocked %s; %s", "%[1]s 之后，%[2]s没有解锁；%[3]s")
	msgNeverUnlocked = rule.M("%s is never unlocked %s; %s", "%[1]s 之后一直没有解锁，%[2]s仍然持有锁；%[3]s")
	msgOnReturnMore  = rule.M("on the return at line %d (and %d more)", "在第 %[1]d 行 return 时（另有 %[2]d 处）")
	msgOnReturn      = rule.M("on the return at line %d", "在第 %d 行 return 时")
	msgAtEndMore     = rule.M("when the function ends at line %d (and %d more)", "在第 %[1]d 行函数结束时（另有 %[2]d 处）")
	msgAtEnd         = rule.M("when the function ends at line %d", "在第 %d 行函数结束时")
	msgNextLock      = rule.M("the next %s.Lock() blocks forever", "下一次 %s.Lock() 会永远阻塞（死锁）")
	msgLaterLock     = rule.M("a later %s.Lock() blocks forever", "之后的 %s.Lock() 会永远阻塞（死锁）")
	msgLockedBy      = rule.M("%s (locked by %s)", "%[1]s（由 %[2]s 加锁）")
	msgReturnsLocked = rule.M("returns with %s still locked", "这里 return 时 %s 还锁着")

	// A second Lock.
	msgLoopDeferred = rule.M("%s runs again on the next loop iteration while %s is still locked: the deferred %s runs only when the function returns",
		"下一轮循环再次执行 %[1]s 时 %[2]s 还没解锁：defer 的 %[3]s 要等函数返回才执行，循环里不会解锁")
	msgLoopSkips = rule.M("%s runs again on the next loop iteration while %s is still locked: a path through the loop skips the %s",
		"下一轮循环再次执行 %[1]s 时 %[2]s 还没解锁：循环里有一条路径跳过了 %[3]s")
	msgRecursiveRead = rule.M("%s can block forever: this goroutine already holds the read lock %s from line %d, and once a writer waits in Lock new read locks wait too (sync.RWMutex forbids recursive read locking)",
		"%[1]s 可能永远阻塞：当前协程已经持有第 %[3]d 行 %[2]s 加的读锁，一旦有写协程在 Lock 上排队，新的读锁也要等它（sync.RWMutex 不允许递归加读锁）")
	msgReadHeldDeferred = rule.M("%s blocks forever: this goroutine still holds the read lock %s from line %d, whose deferred %s runs only when the function returns",
		"%[1]s 会永远阻塞：当前协程还持有第 %[3]d 行 %[2]s 加的读锁，defer 的 %[4]s 要等函数返回才执行")
	msgReadHeld = rule.M("%s blocks forever: this goroutine still holds the read lock %s from line %d",
		"%[1]s 会永远阻塞：当前协程还持有第 %[3]d 行 %[2]s 加的读锁")
	msgLockedDeferred = rule.M("%s blocks forever: %s is still locked by %s on line %d, whose deferred %s runs only when the function returns, and %s is not reentrant",
		"%[1]s 会永远阻塞：%[2]s 还被第 %[4]d 行的 %[3]s 锁着，defer 的 %[5]s 要等函数返回才执行，%[6]s 不可重入")
	msgLocked = rule.M("%s blocks forever: %s is already locked by %s on line %d and %s is not reentrant",
		"%[1]s 会永远阻塞：%[2]s 已经在第 %[4]d 行被 %[3]s 锁住，%[5]s 不可重入")
	msgALock          = rule.M("a lock", "锁")
	msgLockedHere     = rule.M("%s is locked here", "%s 在这里加锁")
	msgUnlockedAtExit = rule.M("unlocked only when the function returns", "这里 defer 的解锁要等函数返回才执行")

	// A deferred Lock where Unlock was meant.
	msgDeferLock = rule.M("defer %s.Lock() right after %s.Lock() locks %s again when the function returns, while it is still locked: it blocks forever; defer %s.Unlock() was meant",
		"紧跟在 %[2]s.Lock() 之后的 defer %[1]s.Lock() 会在函数返回时再锁一次 %[3]s，而它还锁着：会永远阻塞；本意应是 defer %[4]s.Unlock()")
	msgDeferRLock = rule.M("defer %s.RLock() right after %s.RLock() takes the read lock again instead of releasing it: %s stays read-locked and the next %s.Lock() blocks forever; defer %s.RUnlock() was meant",
		"紧跟在 %[2]s.RLock() 之后的 defer %[1]s.RLock() 会再加一次读锁而不是释放：%[3]s 一直处于读锁状态，下一次 %[4]s.Lock() 会永远阻塞；本意应是 defer %[5]s.RUnlock()")

	// Channels.
	msgSendBlocks = rule.M("send on unbuffered channel %s blocks forever: no goroutine that could receive from %s has been started yet",
		"往无缓冲通道 %[1]s 发送会永远阻塞：还没有起任何能从 %[2]s 接收的协程")
	msgMadeUnbuffered = rule.M("%s is made unbuffered here", "%s 在这里创建，没有缓冲")
	msgRangeNeverEnds = rule.M("range over %s never ends: nothing closes %s, so after the last value the loop waits forever",
		"range %[1]s 永远不会结束：没有人 close %[2]s，收完最后一个值后循环会一直等下去")
	msgNeverClosed = rule.M("%s is made here and never closed", "%s 在这里创建，之后没有 close")

	// Fix titles.
	msgDeferInstead   = rule.M("Defer %s.%s instead", "改成 defer %[1]s.%[2]s")
	msgDeferDrop      = rule.M("Defer %s right after the %s and drop the explicit %s calls", "在 %[2]s 之后紧跟 defer %[1]s，并删掉显式的 %[3]s 调用")
	msgDeferAfter     = rule.M("Defer %s right after the %s", "在 %[2]s 之后紧跟 defer %[1]s")
	msgCallBeforeOne  = rule.M("Call %s before the return on line %s", "在第 %[2]s 行 return 之前调用 %[1]s")
	msgCallBeforeMany = rule.M("Call %s before the returns on lines %s", "在第 %[2]s 行的 return 之前调用 %[1]s")
	msgCallAtEnd      = rule.M("Call %s at the end of the function", "在函数末尾调用 %s")
	msgBuffer         = rule.M("Make %s buffered (capacity 1)", "把 %s 改成带缓冲的通道（容量 1）")
	msgCloseAfterWait = rule.M("Close %s after %s.Wait()", "在 %[2]s.Wait() 之后 close(%[1]s)")
	msgCloseInGo      = rule.M("Close %s once the goroutines are done (wait for %s in a goroutine)", "起一个协程，等 %[2]s.Wait() 返回后 close(%[1]s)")
)
