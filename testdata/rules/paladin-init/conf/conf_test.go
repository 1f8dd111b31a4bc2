package conf

import (
	"flag"
	"os"
	"testing"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

func TestMain(m *testing.M) {
	flag.Set("conf", "./testdata")
	flag.Parse()
	paladin.Init() /* information */ // want `error of paladin.Init is dropped`
	os.Exit(m.Run())
}

func TestLoad(t *testing.T) {
	paladin.Init() /* information */ // want `error of paladin.Init is dropped`
	if Load() == "" {
		t.Skip("no config")
	}
}

func TestWatch(t *testing.T) {
	err := paladin.Init() /* information */ // want `error of paladin.Init is overwritten at line 27 before it is checked`
	err = InitAndWatch()
	if err != nil {
		t.Fatal(err)
	}
}
