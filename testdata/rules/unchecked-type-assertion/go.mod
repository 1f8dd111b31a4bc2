module example.com/uta

go 1.22
