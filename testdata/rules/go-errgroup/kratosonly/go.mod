module example.com/goerrgroupkratosonly

go 1.22

require github.com/go-kratos/kratos v0.6.0

replace github.com/go-kratos/kratos => ../../../stubs/kratos
