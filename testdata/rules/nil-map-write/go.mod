module example.com/nilmapwrite

go 1.22
