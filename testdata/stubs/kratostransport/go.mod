module github.com/tx7do/kratos-transport

go 1.20

require github.com/segmentio/kafka-go v0.4.51

replace github.com/segmentio/kafka-go => ../kafkago
