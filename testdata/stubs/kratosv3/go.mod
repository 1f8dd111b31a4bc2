module github.com/go-kratos/kratos/v3

go 1.20

require google.golang.org/grpc v1.29.1

replace google.golang.org/grpc => ../grpc
