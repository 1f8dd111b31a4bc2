module example.com/channelclose

go 1.22

require (
	go-common v0.0.0
	google.golang.org/grpc v1.29.1
)

replace (
	go-common => ../../stubs/gocommon
	google.golang.org/grpc => ../../stubs/grpc
)
