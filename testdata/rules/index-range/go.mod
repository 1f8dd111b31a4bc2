module example.com/indexrange

go 1.22
