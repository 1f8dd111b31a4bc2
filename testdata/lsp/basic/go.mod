module example.com/lspbasic

go 1.22

require (
	github.com/go-kratos/kratos v0.6.0
	golang.org/x/sync v0.7.0
)

replace (
	github.com/go-kratos/kratos => ../../stubs/kratos
	golang.org/x/sync => ../../stubs/xsync
)
