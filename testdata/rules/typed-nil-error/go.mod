module example.com/typednil

go 1.22

require (
	github.com/go-kratos/kratos/v2 v2.0.0
	google.golang.org/grpc v1.29.1
)

replace (
	github.com/go-kratos/kratos/v2 => ../../stubs/kratosv2
	google.golang.org/grpc => ../../stubs/grpc
)
