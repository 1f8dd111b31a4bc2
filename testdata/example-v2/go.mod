module github.com/example/helloworld

go 1.21

require (
	github.com/go-kratos/kratos/v2 v2.9.2
	github.com/segmentio/kafka-go v0.4.51
	google.golang.org/grpc v1.29.1
)

replace (
	github.com/go-kratos/kratos/v2 => ../stubs/kratosv2
	github.com/segmentio/kafka-go => ../stubs/kafkago
	google.golang.org/grpc => ../stubs/grpc
)
