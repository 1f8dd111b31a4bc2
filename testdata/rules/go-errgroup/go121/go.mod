module example.com/goerrgroup121

go 1.21

require golang.org/x/sync v0.7.0

replace golang.org/x/sync => ../../../stubs/xsync
