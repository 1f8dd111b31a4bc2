module example.com/kc

go 1.22

require (
	github.com/IBM/sarama v1.62.0
	github.com/Shopify/sarama v1.38.1
	github.com/segmentio/kafka-go v0.4.51
	github.com/tx7do/kratos-transport v1.1.12
)

replace (
	github.com/IBM/sarama => ../../stubs/sarama
	github.com/Shopify/sarama => ../../stubs/shopifysarama
	github.com/segmentio/kafka-go => ../../stubs/kafkago
	github.com/tx7do/kratos-transport => ../../stubs/kratostransport
)
