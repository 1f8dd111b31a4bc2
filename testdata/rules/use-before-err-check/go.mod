module example.com/ubec

go 1.22

require (
	github.com/go-kratos/kratos v0.6.0
	github.com/go-kratos/kratos/v2 v2.0.0
	go-common v0.0.0
	google.golang.org/grpc v1.29.1
)

replace (
	github.com/go-kratos/kratos => ../../stubs/kratos
	github.com/go-kratos/kratos/v2 => ../../stubs/kratosv2
	go-common => ../../stubs/gocommon
	google.golang.org/grpc => ../../stubs/grpc
)
