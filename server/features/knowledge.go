package features

import (
	"fmt"
	"strings"
)

// A Topic is a note that belongs to no rule (rules/topics: why
// asynchronous queues, interfaces and duck typing), in one language.
type Topic struct {
	Title   string
	Summary string
	URL     string
}

// A TopicLookup finds a topic note by its ID in lang.
type TopicLookup func(id, lang string) (Topic, bool)

// knowledge is a short hover that teaches what a construct does, shown
// even where nothing is wrong.
type knowledge struct {
	topic string            // the ID of the topic note it links to, if any
	text  map[string]string // by language
}

// render renders the knowledge in the client's language, with a link to
// its topic note when one exists.
func (k *knowledge) render(env *Env) string {
	text, ok := k.text[env.Lang]
	if !ok {
		text = k.text["en"]
	}
	if k.topic != "" && env.Topics != nil {
		if t, ok := env.Topics(k.topic, env.Lang); ok {
			text += fmt.Sprintf("\n\n**%s** — %s [→](%s)", t.Title, firstSentence(t.Summary), t.URL)
		}
	}
	return text
}

// firstSentence returns s up to its first sentence end.
func firstSentence(s string) string {
	for i, r := range s {
		if r == '。' || r == '.' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') {
			return s[:i+len(string(r))]
		}
	}
	return strings.TrimSpace(s)
}

var knowledgeByID = map[string]*knowledge{
	"go": {text: map[string]string{
		"en": "**`go` statement** — the goroutine's error is lost and a panic in it crashes the whole process: " +
			"nobody waits for it and nobody recovers it. Prefer an errgroup: `g.Go(func() error {…})` then a checked `g.Wait()`.",
		"zh": "**`go` 语句** —— 协程里的 err 没人接，里面一旦 panic 整个进程直接退出：没人等它，也没人 recover。" +
			"建议用 errgroup：`g.Go(func() error {…})`，最后检查 `g.Wait()` 的返回值。",
	}},
	"errgroup-xsync": {text: map[string]string{
		"en": "**golang.org/x/sync/errgroup** — `WithContext(ctx)` returns the group *and* a context that is cancelled " +
			"when the first `Go` function returns an error; `Go(func() error)`; `SetLimit(n)` bounds concurrency. " +
			"It does **not** recover panics: a panic in `g.Go` still crashes the process. `Wait` returns the first error.",
		"zh": "**golang.org/x/sync/errgroup** —— `WithContext(ctx)` 返回 group 和一个 ctx，第一个 `Go` 返回 err 时这个 ctx 被取消；" +
			"`Go(func() error)`；`SetLimit(n)` 限制并发。它**不会** recover panic：`g.Go` 里 panic 照样打挂进程。`Wait` 返回第一个 err。",
	}},
	"errgroup-kratos": {text: map[string]string{
		"en": "**kratos errgroup** (`pkg/sync/errgroup`) — `Go(func(ctx context.Context) error)` **recovers panics** into errors. " +
			"`WithContext(ctx)` returns only the group and **never cancels** the context; use `WithCancel(ctx)` to cancel the " +
			"others on the first error. `GOMAXPROCS(n)` bounds concurrency; `Wait` returns the first error.",
		"zh": "**kratos errgroup**（`pkg/sync/errgroup`）—— `Go(func(ctx context.Context) error)` 会把 **panic recover 成 err**。" +
			"`WithContext(ctx)` 只返回 group，**永远不会取消** ctx；要在第一个 err 时取消其余任务请用 `WithCancel(ctx)`。" +
			"`GOMAXPROCS(n)` 限制并发；`Wait` 返回第一个 err。",
	}},
	"warden": {text: map[string]string{
		"en": "**warden client** — dial `\"discovery://default/\" + AppID` so that calls follow the service's instances; " +
			"that needs `resolver.Register(discovery.Builder())` once in the program, else `Dial` fails after its timeout " +
			"with `context deadline exceeded`. `direct://default/ip:port` always resolves but pins one address.",
		"zh": "**warden client** —— 用 `\"discovery://default/\" + AppID` 拨号，调用才会跟着服务实例走；" +
			"程序里必须先 `resolver.Register(discovery.Builder())`，否则 `Dial` 等到超时报 `context deadline exceeded`。" +
			"`direct://default/ip:port` 一定能解析，但写死了一个地址。",
	}},
	"paladin-init": {text: map[string]string{
		"en": "**paladin.Init** — reads the `-conf` flag, so `flag.Parse()` must run first; check its error. " +
			"Without a successful `Init`, `paladin.Get` panics with a nil pointer dereference.",
		"zh": "**paladin.Init** —— 读取 `-conf` 参数，所以要先 `flag.Parse()`；它的 err 必须检查。" +
			"`Init` 没成功时调用 `paladin.Get` 会因空指针 panic。",
	}},
	"paladin-get": {text: map[string]string{
		"en": "**paladin.Get** — needs a successful `paladin.Init()` earlier in `main`; before it, it panics with a nil pointer dereference.",
		"zh": "**paladin.Get** —— 必须先在 `main` 里成功调用 `paladin.Init()`；否则空指针 panic。",
	}},
	"databus-send": {topic: "async-queue", text: map[string]string{
		"en": "**databus Send** — publishes to Kafka asynchronously: the consumer runs later, in another process, and may see " +
			"the message more than once. `Send` can fail: check its error.",
		"zh": "**databus Send** —— 异步发到 Kafka：消费方稍后在另一个进程里处理，而且可能收到不止一次。`Send` 会失败，要检查 err。",
	}},
	"databus-messages": {topic: "async-queue", text: map[string]string{
		"en": "**databus Messages** — the channel closes only after `Close()`: receive with `msg, ok := <-ch` and stop when `!ok`, " +
			"or `for msg := range ch`. `msg.Value` is JSON: check the error of `json.Unmarshal`.",
		"zh": "**databus Messages** —— 这个 channel 只有 `Close()` 之后才关闭：用 `msg, ok := <-ch`，`!ok` 时退出，或者 `for msg := range ch`。" +
			"`msg.Value` 是 JSON，`json.Unmarshal` 的 err 要检查。",
	}},
	"databus-commit": {topic: "async-queue", text: map[string]string{
		"en": "**databus Commit** — marks the offset in memory and acknowledges every earlier offset of the partition. " +
			"Commit after the message is processed; committing first gives at-most-once delivery.",
		"zh": "**databus Commit** —— 在内存里标记 offset，并确认该分区之前所有的 offset。处理完再 Commit；先 Commit 就变成至多一次（可能丢消息）。",
	}},
	"v2-endpoint": {text: map[string]string{
		"en": "**Kratos v2 client endpoint** — `\"discovery:///<name>\"` (three slashes) needs `WithDiscovery(r)` in the same call: " +
			"without it the dial succeeds and every call fails (`code = Unavailable … lookup tcp////<name>: unknown port`; " +
			"v3: `produced zero addresses`). `\"discovery://<name>\"` (two slashes) watches `\"\"` and every call times out. " +
			"A fixed address pins the client to one instance.",
		"zh": "**Kratos v2 client 的 endpoint** —— `\"discovery:///<name>\"`（三个斜杠）必须在同一个调用里传 `WithDiscovery(r)`：" +
			"不传的话 Dial 成功，之后每次调用都失败（`code = Unavailable … lookup tcp////<name>: unknown port`；v3 是 `produced zero addresses`）。" +
			"`\"discovery://<name>\"`（两个斜杠）watch 的是 `\"\"`，每次调用都超时。写死地址会把 client 钉在一个实例上。",
	}},
	"v2-config": {text: map[string]string{
		"en": "**Kratos v2 config.New** — call `Load()` and check its error before `Scan`, `Value` or `Watch`: before a " +
			"successful `Load`, `Scan` returns nil and leaves its target empty, and `Value`/`Watch` report `key not found`. " +
			"Make `file.NewSource(flagconf)` after `flag.Parse()`, or `-conf` is ignored.",
		"zh": "**Kratos v2 config.New** —— 先 `Load()` 并检查 err，再 `Scan`、`Value`、`Watch`：`Load` 成功之前，`Scan` 返回 nil 但目标是空的，" +
			"`Value`/`Watch` 报 `key not found`。`file.NewSource(flagconf)` 要放在 `flag.Parse()` 之后，否则 `-conf` 不起作用。",
	}},
	"v2-server": {text: map[string]string{
		"en": "**Kratos v2 server** — recovers no panic by itself: put `recovery.Recovery()` first in its `Middleware(...)`. " +
			"Without it a handler's panic exits a gRPC server's process, and an HTTP server drops the connection.",
		"zh": "**Kratos v2 server** —— 自己不会 recover panic：把 `recovery.Recovery()` 放在 `Middleware(...)` 的第一个。" +
			"没有它，gRPC server 的 handler 一 panic 进程就退出，HTTP server 则直接断开连接。",
	}},
	"kafka-subscribe": {topic: "async-queue", text: map[string]string{
		"en": "**kratos-transport Subscribe** — the queue name is the Kafka consumer group. Without " +
			"`broker.WithQueueName(\"group\")` the Kafka broker makes up a random group (a UUID) for each subscription: " +
			"every instance receives every message, and each restart consumes the topic again from its first offset; " +
			"an empty name means no group at all (partition 0 only, every Ack fails). The handler runs without `recover`: " +
			"a panic in it exits the process.",
		"zh": "**kratos-transport Subscribe** —— queue 名就是 Kafka 的 consumer group。不传 `broker.WithQueueName(\"group\")` 时，" +
			"Kafka broker 给每次订阅随机生成一个 group（UUID）：每个实例都收到每一条消息，每次重启都从最早的 offset 重新消费整个 topic；" +
			"queue 名为空等于没有 group（只读 0 号 partition，每次 Ack 都失败）。handler 外面没有 `recover`：里面一 panic 整个进程退出。",
	}},
	"interface": {topic: "interfaces", text: map[string]string{
		"en": "**interface** — satisfied implicitly (duck typing): any type with these methods implements it. " +
			"An interface holding a nil `*T` is not nil: return a plain `nil`, not a nil pointer, as an `error`. " +
			"Keep interfaces small and declare them where they are used.",
		"zh": "**interface** —— 隐式实现（鸭子类型）：有这些方法的类型就实现了它。装着 nil `*T` 的接口不等于 nil：" +
			"返回 `error` 时要直接 `return nil`，不要返回 nil 指针。接口要小，定义在使用方。",
	}},
}
