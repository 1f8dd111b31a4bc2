package dao // want package:"analysed"

import (
	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

// Dao reads its database configuration from paladin.
type Dao struct{ dsn string }

type dbConfig struct{ DSN string }

// New reads db.toml.
func New() *Dao { // want New:"uses paladin.Get in dao.New \\(dao.go:15\\)"
	var c dbConfig
	if err := paladin.Get("db.toml").UnmarshalTOML(&c); err != nil {
		panic(err)
	}
	return &Dao{dsn: c.DSN}
}

// Ping touches no configuration.
func (d *Dao) Ping() error { return nil }

// Reader is implemented by Dao; calls through it are not followed.
type Reader interface{ Read() string }

// Read reads a value.
func (d *Dao) Read() string { // want Read:"uses paladin.Get in dao.Dao.Read"
	s, _ := paladin.Get("app.toml").String()
	return s
}
