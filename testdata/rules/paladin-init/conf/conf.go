package conf // want package:"analysed"

import (
	"flag"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

// Config is the service's configuration.
type Config struct{ paladin.TOML }

// Conf is loaded by Init.
var Conf = &Config{}

// Init initialises paladin and returns its error, as bilibili/discovery's
// conf.Init does.
func Init() (err error) { // want Init:"init conf returns-init-error"
	if err = paladin.Init(); err != nil {
		return
	}
	return paladin.Watch("app.toml", Conf)
}

// MustInit checks Init's error itself.
func MustInit() { // want MustInit:"init conf"
	if err := paladin.Init(); err != nil {
		panic(err)
	}
}

// ParseAndInit parses the flags first.
func ParseAndInit() error { // want ParseAndInit:"init conf returns-init-error parse"
	flag.Parse()
	return paladin.Init()
}

// InitRemote uses a remote driver: no -conf needed.
func InitRemote() error { // want InitRemote:"init returns-init-error"
	err := paladin.Init("apollo")
	return err
}

// Load reads a value.
func Load() string { // want Load:"uses paladin.Get in conf.Load \\(conf.go:45\\)"
	s, _ := paladin.Get("app.toml").String()
	return s
}

// DropInit drops the error.
func DropInit() { // want DropInit:"init conf"
	paladin.Init() // want `error of paladin.Init is dropped; after a failed Init, paladin.Get panics with a nil pointer dereference`
}

// Setup drops the error in a function that returns one.
func Setup() error { // want Setup:"init conf"
	_ = paladin.Init() // want `error of paladin.Init is dropped`
	return nil
}
