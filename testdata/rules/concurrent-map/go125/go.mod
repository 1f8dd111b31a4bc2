module example.com/concurrentmap125

go 1.25
