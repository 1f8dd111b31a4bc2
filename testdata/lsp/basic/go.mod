module example.com/lspbasic

go 1.22

require (
	github.com/go-kratos/kratos v0.6.0
	github.com/segmentio/kafka-go v0.4.51
	github.com/tx7do/kratos-transport v1.1.12
	go-common v0.0.0
	golang.org/x/sync v0.7.0
	google.golang.org/grpc v1.29.1
)

replace (
	github.com/go-kratos/kratos => ../../stubs/kratos
	go-common => ../../stubs/gocommon
	golang.org/x/sync => ../../stubs/xsync
	google.golang.org/grpc => ../../stubs/grpc
	github.com/segmentio/kafka-go => ../../stubs/kafkago
	github.com/tx7do/kratos-transport => ../../stubs/kratostransport
)
