package serverrecovery

import "github.com/gopitfalls/gopitfalls/rules/rule"

var (
	msgGRPC = rule.M(
		`%s has no recovery.Recovery() middleware: gRPC does not recover a handler's panic, so the first one exits the process with every request in flight; add Middleware(recovery.Recovery(), …)`,
		`%s 没有 recovery.Recovery() 中间件：gRPC 不会 recover handler 里的 panic，第一次 panic 就会让进程退出，正在处理的请求全部失败；请加上 Middleware(recovery.Recovery(), …)`)
	msgHTTP = rule.M(
		`%s has no recovery.Recovery() middleware: only net/http recovers a handler's panic ("http: panic serving …"), dropping the connection, so the client gets no reply and the logging and metrics middleware see none; add Middleware(recovery.Recovery(), …)`,
		`%s 没有 recovery.Recovery() 中间件：handler 里的 panic 只有 net/http 兜底（"http: panic serving …"），直接断开连接，client 收不到任何回复，日志和监控中间件也看不到；请加上 Middleware(recovery.Recovery(), …)`)
	msgFixPrepend = rule.M("Put %s first in %s", "把 %s 放在 %s 的第一个")
	msgFixAdd     = rule.M("Add %s", "加上 %s")
)
