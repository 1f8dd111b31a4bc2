package wardendiscovery

import "github.com/gopitfalls/gopitfalls/rules/rule"

// The rule's messages and fix titles, with their Chinese.
var (
	msgFixedAddress = rule.M(`warden dials the fixed address %q: the client does not follow the service's instances through releases and scaling; dial "discovery://default/<appid>"`,
		`warden 直连写死的地址 %q：服务发版、扩容时 client 不会跟着实例走，没法平滑发版；请用 "discovery://default/<appid>"`)
	msgNoResolverInitAt = rule.M(`the program dials %s (%s, %s:%d) during package initialisation but never registers the discovery resolver; Dial blocks until its timeout and fails with "context deadline exceeded"`,
		`程序在包初始化时拨号 %[1]s（%[2]s，%[3]s:%[4]d），但从没注册 discovery 的 resolver；Dial 会一直阻塞到超时，报 "context deadline exceeded"`)
	msgNoResolverAt = rule.M(`the program dials %s (%s, %s:%d) but never registers the discovery resolver; Dial blocks until its timeout and fails with "context deadline exceeded"`,
		`程序拨号 %[1]s（%[2]s，%[3]s:%[4]d），但从没注册 discovery 的 resolver；Dial 会一直阻塞到超时，报 "context deadline exceeded"`)
	msgNoResolverInit = rule.M(`the program dials %s during package initialisation but never registers the discovery resolver; Dial blocks until its timeout and fails with "context deadline exceeded"`,
		`程序在包初始化时拨号 %s，但从没注册 discovery 的 resolver；Dial 会一直阻塞到超时，报 "context deadline exceeded"`)
	msgNoResolver = rule.M(`the program dials %s but never registers the discovery resolver; Dial blocks until its timeout and fails with "context deadline exceeded"`,
		`程序拨号 %s，但从没注册 discovery 的 resolver；Dial 会一直阻塞到超时，报 "context deadline exceeded"`)

	// Fix titles.
	msgDialDiscovery = rule.M("Dial %s (%s) through discovery instead of the fixed address",
		"改成通过 discovery 拨号 %s（%s），不再直连写死的地址")
	msgRegisterAfterParse = rule.M("Register the discovery resolver after flag.Parse (nodes from -discovery.nodes or DISCOVERY_NODES)",
		"在 flag.Parse 之后注册 discovery 的 resolver（节点来自 -discovery.nodes 或 DISCOVERY_NODES）")
	msgRegisterFirst = rule.M("Register the discovery resolver first in main (nodes from DISCOVERY_NODES)",
		"在 main 的最前面注册 discovery 的 resolver（节点来自 DISCOVERY_NODES）")
)

// Kratos v2/v3 clients (v2.go).
var (
	msgV2NoDiscovery = rule.M(
		`%s dials %q without WithDiscovery: no resolver serves discovery://, so the dial succeeds and every call fails with %q; pass WithDiscovery(r) with the service registry`,
		`%s 拨号 %q 却没有传 WithDiscovery：没有 resolver 处理 discovery://，Dial 不报错，之后每次调用都失败，报 %q；请传入 WithDiscovery(r)，r 是服务注册中心`)
	msgV2TwoSlashes = rule.M(
		`endpoint %q has two slashes: %q becomes the URL's authority and the registry is asked to watch "", so %s; write %q`,
		`endpoint %q 只有两个斜杠：%q 成了 URL 的 authority，注册中心被要求 watch ""，于是%[3]s；请写成 %[4]q`)
	msgV2Fixed = rule.M(
		`%s dials the fixed address %q: the client does not follow the service's instances through releases and scaling; dial "discovery:///<name>" with WithDiscovery(r)`,
		`%s 直连写死的地址 %q：服务发版、扩容时 client 不会跟着实例走，没法平滑发版；请用 "discovery:///<name>" 并传入 WithDiscovery(r)`)
	msgV2TimesOut       = rule.M("every call times out with DeadlineExceeded", "每次调用都会超时，报 DeadlineExceeded")
	msgV2NodeNotFound   = rule.M("every request fails with NODE_NOT_FOUND", "每个请求都失败，报 NODE_NOT_FOUND")
	msgFixWithDiscovery = rule.M("Add %s", "加上 %s")
	msgFixThreeSlashes  = rule.M("Write the endpoint as %q", "把 endpoint 改成 %q")
)
