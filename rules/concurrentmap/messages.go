package concurrentmap

import "github.com/gopitfalls/gopitfalls/rules/rule"

// messages are the rule's diagnostic messages, related-information
// messages and fix titles with their Chinese; more specific formats come
// before the general ones they would also match.
var messages = []rule.Message{
	{En: "%s (a read lock does not exclude other writers)", Zh: "%s（读锁挡不住其他写的协程）"},
	{En: "concurrent write to map %s: every goroutine started in this loop writes it with no lock held",
		Zh: "并发写映射 %s：这个循环起的每个协程都在没加锁的情况下写它"},
	{En: "concurrent write to map %s: the launching function %s it at line %d while this goroutine may still be writing",
		Zh: "并发写映射 %[1]s：起协程的函数在第 %[3]d 行%[2]s它，这个协程可能还在写"},
	{En: "reads", Zh: "读"},
	{En: "writes", Zh: "写"},
	{En: "concurrent write to map %s: the goroutine started at line %d also uses it, with no lock held here",
		Zh: "并发写映射 %[1]s：第 %[2]d 行起的协程也在用它，这里写的时候没有加锁"},
	{En: "concurrent write to map %s: %s runs in a goroutine started on every iteration of the loop at line %d, and writes it with no lock held",
		Zh: "并发写映射 %[1]s：%[2]s 在第 %[3]d 行的循环里每轮都起一个协程来跑，它写这个映射时没有加锁"},
	{En: "started here, once per iteration", Zh: "在这里启动，每轮一个"},
	{En: "%s is used here without waiting for the goroutine", Zh: "这里没有等协程结束就用了 %s"},
	{En: "another goroutine using %s", Zh: "另一个也在用 %s 的协程"},
	// Fix titles.
	{En: "Guard %s with %s, like its other uses", Zh: "像其他访问一样，用 %[2]s 保护 %[1]s"},
	{En: "Guard %s with a sync.Mutex", Zh: "加一个 sync.Mutex 保护 %s"},
	{En: "Guard %s with %s", Zh: "用 %[2]s 保护 %[1]s"},
}
