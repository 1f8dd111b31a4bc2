package paladininit

import "github.com/gopitfalls/gopitfalls/rules/rule"

// messages are the rule's diagnostic messages and fix titles with their
// Chinese; more specific formats come first. The description of a use
// ("paladin.Get in dao.New (dao.go:15), reached through di.InitApp,")
// translates part by part.
var messages = []rule.Message{
	{En: "main never calls paladin.Init: %s panics with a nil pointer dereference",
		Zh: "main 里从没调用 paladin.Init：%s 会空指针 panic"},
	{En: "%s can run before paladin.Init and panic with a nil pointer dereference",
		Zh: "%s 可能跑在 paladin.Init 之前，空指针 panic"},
	{En: "%s in %s (%s:%d), reached through %s,", Zh: "%[2]s 里的 %[1]s（%[3]s:%[4]d，经由 %[5]s 调用到）"},
	{En: "%s in %s (%s:%d)", Zh: "%[2]s 里的 %[1]s（%[3]s:%[4]d）"},
	{En: "%s (line %d) in a function literal", Zh: "函数字面量里第 %[2]d 行的 %[1]s"},
	{En: "%s (line %d)", Zh: "第 %[2]d 行的 %[1]s"},
	{En: "a function literal", Zh: "一个函数字面量"},
	{En: "%s calls paladin.Init, which runs in init, before main's flag.Parse; it reads -conf, which is not parsed yet",
		Zh: "%s 调用了 paladin.Init，它在 init 里执行，早于 main 的 flag.Parse；Init 要读 -conf，这时还没解析"},
	{En: "paladin.Init runs in init, before main's flag.Parse; it reads -conf, which is not parsed yet",
		Zh: "paladin.Init 在 init 里执行，早于 main 的 flag.Parse；Init 要读 -conf，这时还没解析"},
	{En: "%s calls paladin.Init, which runs before flag.Parse; it reads -conf, which is not parsed yet",
		Zh: "%s 调用了 paladin.Init，它跑在 flag.Parse 之前；Init 要读 -conf，这时还没解析"},
	{En: "paladin.Init runs before flag.Parse; it reads -conf, which is not parsed yet",
		Zh: "paladin.Init 跑在 flag.Parse 之前；Init 要读 -conf，这时还没解析"},
	{En: `%s calls paladin.Init, which reads -conf, but main never calls flag.Parse: with no -conf and no driver argument, Init panics with "lack of remote config center args"`,
		Zh: `%s 调用了 paladin.Init，Init 要读 -conf，但 main 从没调用 flag.Parse：没有 -conf 又没有 driver 参数，Init 会 panic："lack of remote config center args"`},
	{En: `paladin.Init reads -conf, but main never calls flag.Parse: with no -conf and no driver argument, Init panics with "lack of remote config center args"`,
		Zh: `paladin.Init 要读 -conf，但 main 从没调用 flag.Parse：没有 -conf 又没有 driver 参数，Init 会 panic："lack of remote config center args"`},
	{En: "error of paladin.Init is dropped; after a failed Init, paladin.Get panics with a nil pointer dereference",
		Zh: "paladin.Init 的 err 没处理；Init 失败后，paladin.Get 会空指针 panic"},
	{En: "error of %s is dropped; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference",
		Zh: "%s 的 err 没处理；它就是 paladin.Init 的 err，Init 失败后 paladin.Get 会空指针 panic"},
	{En: "error of paladin.Init is overwritten at line %d before it is checked; after a failed Init, paladin.Get panics with a nil pointer dereference",
		Zh: "paladin.Init 的 err 还没检查，就在第 %d 行被覆盖了；Init 失败后，paladin.Get 会空指针 panic"},
	{En: "error of paladin.Init is never checked; after a failed Init, paladin.Get panics with a nil pointer dereference",
		Zh: "paladin.Init 的 err 赋值之后从没检查；Init 失败后，paladin.Get 会空指针 panic"},
	{En: "error of %s is overwritten at line %d before it is checked; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference",
		Zh: "%[1]s 的 err 还没检查，就在第 %[2]d 行被覆盖了；它就是 paladin.Init 的 err，Init 失败后 paladin.Get 会空指针 panic"},
	{En: "error of %s is never checked; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference",
		Zh: "%s 的 err 赋值之后从没检查；它就是 paladin.Init 的 err，Init 失败后 paladin.Get 会空指针 panic"},
	{En: "error of paladin.Init is only compared with %s before it is overwritten at line %d; after a failed Init, paladin.Get panics with a nil pointer dereference",
		Zh: "paladin.Init 的 err 只和 %s 比较过，其他错误没检查，就在第 %d 行被覆盖了；Init 失败后，paladin.Get 会空指针 panic"},
	{En: "error of paladin.Init is only compared with %s, never checked; after a failed Init, paladin.Get panics with a nil pointer dereference",
		Zh: "paladin.Init 的 err 只和 %s 比较过，其他错误从没检查；Init 失败后，paladin.Get 会空指针 panic"},
	{En: "error of %s is only compared with %s before it is overwritten at line %d; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference",
		Zh: "%[1]s 的 err 只和 %[2]s 比较过，其他错误没检查，就在第 %[3]d 行被覆盖了；它就是 paladin.Init 的 err，Init 失败后 paladin.Get 会空指针 panic"},
	{En: "error of %s is only compared with %s, never checked; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference",
		Zh: "%[1]s 的 err 只和 %[2]s 比较过，其他错误从没检查；它就是 paladin.Init 的 err，Init 失败后 paladin.Get 会空指针 panic"},
	// Fix titles.
	{En: "Initialize paladin %s", Zh: "初始化 paladin：%s"},
	{En: "first in main, after parsing the flags", Zh: "放在 main 的最前面，先解析 flag"},
	{En: "first in main", Zh: "放在 main 的最前面"},
	{En: "right after %s", Zh: "紧跟在 %s 之后"},
	{En: "Move %s up, %s", Zh: "把 %s 提前：%s"},
	{En: "Move %s below %s", Zh: "把 %s 挪到 %s 之后"},
	{En: "Check the error of %s and return it", Zh: "检查 %s 的 err 并返回"},
	{En: "Check the error of %s and fail the test", Zh: "检查 %s 的 err，出错时让测试失败"},
	{En: "Check the error of %s and panic on failure", Zh: "检查 %s 的 err，出错时 panic"},
}

// Kratos v2/v3 configuration (config.go).
var (
	msgConfigBeforeLoad = rule.M(
		"%s.%s before %s.Load: %s",
		"%[1]s.%[2]s 在 %[3]s.Load 之前：%[4]s")
	msgConfigDroppedLoad = rule.M(
		"%s.%s after a %s.Load whose error is dropped: when Load fails, %s",
		"%[1]s.%[2]s 跑在一个 err 没处理的 %[3]s.Load 之后：Load 失败时，%[4]s")
	msgConfigScanEmpty = rule.M(
		"Scan returns nil and leaves its target empty, and a nil sub-message panics later (in NewHTTPServer, NewData…)",
		"Scan 返回 nil，目标结构体却是空的，之后某个 nil 的子配置会 panic（在 NewHTTPServer、NewData 里……）")
	msgConfigKeyNotFound = rule.M(
		`the key is not found ("key not found"), and a Watch then never fires`,
		`找不到 key（"key not found"），Watch 也就永远不会触发`)
	msgConfigSourceBeforeParse = rule.M(
		"file.NewSource(%s) can run before flag.Parse: it reads %s's default, whatever -conf says",
		"file.NewSource(%s) 可能跑在 flag.Parse 之前：读到的是 %s 的默认值，-conf 传什么都没用")
	msgFixConfigLoad = rule.M("Load %s, checked, right after config.New", "在 config.New 之后立刻 Load %s 并检查 err")
)
