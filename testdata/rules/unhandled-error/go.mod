module example.com/unhandled

go 1.22

require (
	github.com/go-kratos/kratos v0.6.0
	github.com/pkg/errors v0.9.1
	go-common v0.0.0
)

require google.golang.org/grpc v1.29.1 // indirect

replace (
	github.com/go-kratos/kratos => ../../stubs/kratos
	github.com/pkg/errors => ../../stubs/pkgerrors
	go-common => ../../stubs/gocommon
	google.golang.org/grpc => ../../stubs/grpc
)
