module example.com/channelclose121

go 1.21
