package rawclient // want package:"analysed"

// The package touches paladin through paladin.DefaultClient alone,
// calling no paladin function: reading it and assigning it are all the
// rule sees of paladin here.

import "github.com/go-kratos/kratos/pkg/conf/paladin"

// Name reads app.toml through the client, which is nil before Init.
func Name() string { // want Name:"uses paladin.DefaultClient in rawclient.Name \\(rawclient.go:11\\)"
	s, _ := paladin.DefaultClient.Get("app.toml").String()
	return s
}

// Install sets the client, as Init would.
func Install(c paladin.Client) { // want Install:"init"
	paladin.DefaultClient = c
}
