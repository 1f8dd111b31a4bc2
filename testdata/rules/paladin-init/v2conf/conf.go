package v2conf // want package:"analysed"

// v2conf loads Kratos v2 configuration in helpers.

import (
	"github.com/go-kratos/kratos/v2/config"
	"github.com/go-kratos/kratos/v2/config/file"
)

type Data struct{ DSN string }

// NeverLoaded scans without loading: the fix loads it, returning the error.
func NeverLoaded(path string) (*Data, error) {
	c := config.New(config.WithSource(file.NewSource(path)))
	var d Data
	if err := c.Scan(&d); err != nil { // want `c.Scan before c.Load: Scan returns nil`
		return nil, err
	}
	return &d, nil
}

// DroppedLoad drops Load's error.
func DroppedLoad(path string) (string, error) {
	c := config.New(config.WithSource(file.NewSource(path)))
	_ = c.Load()
	return c.Value("data.dsn").String() // want `c.Value after a c.Load whose error is dropped: when Load fails, the key is not found \("key not found"\)`
}

// WatchEarly watches before loading; it loads later, so there is no fix.
func WatchEarly(path string) error {
	c := config.New(config.WithSource(file.NewSource(path)))
	if err := c.Watch("data", func(string, config.Value) {}); err != nil { // want `c.Watch before c.Load: the key is not found`
		return err
	}
	return c.Load()
}

// OnOnePath loads on one branch only.
func OnOnePath(path string, load bool) (Data, error) {
	c := config.New(config.WithSource(file.NewSource(path)))
	if load {
		if err := c.Load(); err != nil {
			return Data{}, err
		}
	}
	var d Data
	err := c.Scan(&d) // want `c.Scan before c.Load`
	return d, err
}

// The negatives.

// Loaded loads, checked, first.
func Loaded(path string) (*Data, error) {
	c := config.New(config.WithSource(file.NewSource(path)))
	err := c.Load()
	if err != nil {
		return nil, err
	}
	var d Data
	return &d, c.Scan(&d)
}

// HandedOn gives the value to a function that may load it.
func HandedOn(path string, load func(config.Config) error) (*Data, error) {
	c := config.New(config.WithSource(file.NewSource(path)))
	if err := load(c); err != nil {
		return nil, err
	}
	var d Data
	return &d, c.Scan(&d)
}

// Later reads in a function literal, which runs when called.
func Later(path string) func() error {
	c := config.New(config.WithSource(file.NewSource(path)))
	return func() error {
		var d Data
		return c.Scan(&d)
	}
}

// NoFail cannot fail, so no fix: the report stands alone.
func NoFail(path string) {
	c := config.New(config.WithSource(file.NewSource(path)))
	var d Data
	_ = c.Scan(&d) // want `c.Scan before c.Load`
}
