module example.com/goerrgroup

go 1.22

require (
	github.com/go-kratos/kratos v0.6.0
	golang.org/x/sync v0.7.0
	google.golang.org/grpc v1.29.1
)

replace (
	github.com/go-kratos/kratos => ../../stubs/kratos
	golang.org/x/sync => ../../stubs/xsync
	google.golang.org/grpc => ../../stubs/grpc
)
