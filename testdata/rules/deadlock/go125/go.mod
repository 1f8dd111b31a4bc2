module example.com/deadlock125

go 1.25
