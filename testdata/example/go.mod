module github.com/example/account

go 1.21

require (
	github.com/IBM/sarama v1.62.0
	github.com/go-kratos/kratos v0.6.0
	github.com/go-kratos/kratos/v2 v2.0.0
	go-common v0.0.0
	golang.org/x/sync v0.7.0
	google.golang.org/grpc v1.29.1
)

replace (
	github.com/IBM/sarama => ../stubs/sarama
	github.com/go-kratos/kratos => ../stubs/kratos
	github.com/go-kratos/kratos/v2 => ../stubs/kratosv2
	go-common => ../stubs/gocommon
	golang.org/x/sync => ../stubs/xsync
	google.golang.org/grpc => ../stubs/grpc
)
