// Package kafkaconsume defines the kafka-consume rule: the team notes'
// Kafka consumer mistakes in the libraries Kratos v2 services consume
// with, each matched by import path.
//
// segmentio/kafka-go:
//   - ReadMessage on a reader with a GroupID commits before it returns the
//     message (at-most-once), reported where the message is processed
//     after it; the fix turns it into FetchMessage and commits after the
//     processing, handling a failed commit as the loop handled a failed
//     read.
//   - A read loop whose error branch neither leaves the loop nor looks at
//     io.EOF or the context spins once the reader is closed.
//   - err == io.EOF on ReadMessage's error, which wraps io.EOF; the fix
//     uses errors.Is.
//   - CommitMessages on a reader without GroupID always fails.
//
// IBM/sarama and Shopify/sarama:
//   - A receive of *ConsumerMessage in a loop without ok: a claim's
//     channel closes at every rebalance; the fix adds ok and returns.
//   - sess.MarkMessage before the message is processed (information).
//   - ConsumerGroup.Consume called once, outside any loop: it returns at
//     the first rebalance.
//
// tx7do/kratos-transport (its Kafka broker and server):
//   - Subscribe without a queue name joins a random consumer group; an
//     empty queue name joins none.
//   - Publish on a broker with the default asynchronous writer, where the
//     error is checked: the write's failures never reach it.
//
// A reader's GroupID and a broker's options are known only where the
// package shows them: every value it assigns to the variable or field
// that holds the reader or broker is a constructor call whose
// configuration is visible (origins.go). Elsewhere the rule is silent.
package kafkaconsume
