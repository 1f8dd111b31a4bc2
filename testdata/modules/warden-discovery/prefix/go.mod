module example.com/fork

go 1.22

require (
	github.com/go-kratos/kratos v0.6.0
	google.golang.org/grpc v1.29.1
)

replace (
	github.com/go-kratos/kratos => ../../../stubs/kratos
	google.golang.org/grpc => ../../../stubs/grpc
)
