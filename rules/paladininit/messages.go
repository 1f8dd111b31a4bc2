package paladininit

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages, related-information messages and fix titles, with
// their Chinese. The description of a use ("paladin.Get in dao.New
// (dao.go:15), reached through di.InitApp,"), the fate of Init's error
// and what follows from it are texts of their own.
var (
	msgNeverInit  = rule.M("main never calls paladin.Init: %s panics with a nil pointer dereference", "main 里从没调用 paladin.Init：%s 会空指针 panic")
	msgBeforeInit = rule.M("%s can run before paladin.Init and panic with a nil pointer dereference", "%s 可能跑在 paladin.Init 之前，空指针 panic")
	msgUseVia     = rule.M("%s in %s (%s:%d), reached through %s,", "%[2]s 里的 %[1]s（%[3]s:%[4]d，经由 %[5]s 调用到）")
	msgUseIn      = rule.M("%s in %s (%s:%d)", "%[2]s 里的 %[1]s（%[3]s:%[4]d）")
	msgUseLitLine = rule.M("%s (line %d) in a function literal", "函数字面量里第 %[2]d 行的 %[1]s")
	msgUseLine    = rule.M("%s (line %d)", "第 %[2]d 行的 %[1]s")
	msgFuncLit    = rule.M("a function literal", "一个函数字面量")
	msgFirstUse   = rule.M("first use of paladin", "第一次用到 paladin 的地方")

	// Init before flag.Parse.
	msgCallsInitInInit = rule.M("%s calls paladin.Init, which runs in init, before main's flag.Parse; it reads -conf, which is not parsed yet",
		"%s 调用了 paladin.Init，它在 init 里执行，早于 main 的 flag.Parse；Init 要读 -conf，这时还没解析")
	msgInitInInit = rule.M("paladin.Init runs in init, before main's flag.Parse; it reads -conf, which is not parsed yet",
		"paladin.Init 在 init 里执行，早于 main 的 flag.Parse；Init 要读 -conf，这时还没解析")
	msgCallsInitEarly = rule.M("%s calls paladin.Init, which runs before flag.Parse; it reads -conf, which is not parsed yet",
		"%s 调用了 paladin.Init，它跑在 flag.Parse 之前；Init 要读 -conf，这时还没解析")
	msgInitEarly = rule.M("paladin.Init runs before flag.Parse; it reads -conf, which is not parsed yet",
		"paladin.Init 跑在 flag.Parse 之前；Init 要读 -conf，这时还没解析")
	msgCallsInitNoParse = rule.M(`%s calls paladin.Init, which reads -conf, but main never calls flag.Parse: with no -conf and no driver argument, Init panics with "lack of remote config center args"`,
		`%s 调用了 paladin.Init，Init 要读 -conf，但 main 从没调用 flag.Parse：没有 -conf 又没有 driver 参数，Init 会 panic："lack of remote config center args"`)
	msgInitNoParse = rule.M(`paladin.Init reads -conf, but main never calls flag.Parse: with no -conf and no driver argument, Init panics with "lack of remote config center args"`,
		`paladin.Init 要读 -conf，但 main 从没调用 flag.Parse：没有 -conf 又没有 driver 参数，Init 会 panic："lack of remote config center args"`)

	// Init's error: what became of it, then what follows.
	msgErrDropped      = rule.M("error of %s is dropped", "%s 的 err 没处理")
	msgErrComparedOver = rule.M("error of %s is only compared with %s before it is overwritten at line %d",
		"%[1]s 的 err 只和 %[2]s 比较过，其他错误没检查，就在第 %[3]d 行被覆盖了")
	msgErrCompared  = rule.M("error of %s is only compared with %s, never checked", "%[1]s 的 err 只和 %[2]s 比较过，其他错误从没检查")
	msgErrOver      = rule.M("error of %s is overwritten at line %d before it is checked", "%[1]s 的 err 还没检查，就在第 %[2]d 行被覆盖了")
	msgErrUnchecked = rule.M("error of %s is never checked", "%s 的 err 赋值之后从没检查")
	msgInitFails    = rule.M("%s; after a failed Init, paladin.Get panics with a nil pointer dereference",
		"%s；Init 失败后，paladin.Get 会空指针 panic")
	msgIsInitsErr = rule.M("%s; it is paladin.Init's error, and after a failed Init paladin.Get panics with a nil pointer dereference",
		"%s；它就是 paladin.Init 的 err，Init 失败后 paladin.Get 会空指针 panic")

	// Fix titles.
	msgInitialize    = rule.M("Initialize paladin %s", "初始化 paladin：%s")
	msgFirstParsed   = rule.M("first in main, after parsing the flags", "放在 main 的最前面，先解析 flag")
	msgFirst         = rule.M("first in main", "放在 main 的最前面")
	msgRightAfter    = rule.M("right after %s", "紧跟在 %s 之后")
	msgMoveUp        = rule.M("Move %s up, %s", "把 %s 提前：%s")
	msgMoveBelow     = rule.M("Move %s below %s", "把 %s 挪到 %s 之后")
	msgCheckReturn   = rule.M("Check the error of %s and return it", "检查 %s 的 err 并返回")
	msgCheckFailTest = rule.M("Check the error of %s and fail the test", "检查 %s 的 err，出错时让测试失败")
	msgCheckPanic    = rule.M("Check the error of %s and panic on failure", "检查 %s 的 err，出错时 panic")
)

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
