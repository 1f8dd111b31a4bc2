package gcdao // want package:"analysed"

import "go-common/library/conf/paladin"

// Addr reads the address from go-common's paladin.
func Addr() string { // want Addr:"uses paladin.Get in gcdao.Addr"
	s, _ := paladin.Get("grpc.toml").String()
	return s
}
