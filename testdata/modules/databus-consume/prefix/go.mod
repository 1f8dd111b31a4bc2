module example.com/dbfork

go 1.22

require go-common v0.0.0

replace go-common => ../../../stubs/gocommon
