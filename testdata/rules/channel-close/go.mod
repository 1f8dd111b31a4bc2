module example.com/channelclose

go 1.22
