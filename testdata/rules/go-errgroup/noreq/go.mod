module example.com/goerrgroupnoreq

go 1.22
