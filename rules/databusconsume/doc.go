// Package databusconsume defines the databus-consume rule: three mistakes
// in consumers of go-common's databus (Kafka) queue, whose Messages()
// channel delivers *databus.Message values until the consumer is closed.
//
//   - A receive from a channel of databus messages without the comma-ok
//     form, in a loop: once Close has closed the channel every receive
//     returns nil at once, so the loop spins and msg.Value panics. The
//     fixes rewrite `for { msg := <-msgs; … }` to `for msg := range msgs`,
//     or add `msg, ok := <-msgs; if !ok { … }` leaving the loop.
//   - json.Unmarshal(msg.Value, &v) with its error dropped: a malformed
//     message is processed as a zero value. The fix logs the error and
//     skips the message (continue), or returns.
//   - msg.Commit() on a path that goes on to process the same message
//     (read its Value or Key, or pass it on) in the same iteration: the
//     offset is acknowledged before the work is done, so a failure or a
//     restart loses the message (at-most-once delivery). Reported at
//     information severity, without a fix: the order is a choice the note
//     explains.
//
// Messages are recognised by type (a channel of *Message, or a Message,
// of a framework queue/databus package), so a channel handed from the
// consumer to workers is checked as well. A receive is left alone when
// the received variable is compared with nil in the loop (Messages never
// sends nil, so nil means closed). Where the commit is followed by
// processing is decided on the function's control-flow graph (go/cfg),
// within one iteration of the loop around the commit.
package databusconsume
