// Command helloworld starts the service, as kratos-layout's main does.
package main

import (
	"context"
	"flag"
	"os"

	"github.com/go-kratos/kratos/v2"
	"github.com/go-kratos/kratos/v2/config"
	"github.com/go-kratos/kratos/v2/config/file"
	"github.com/go-kratos/kratos/v2/log"
	"github.com/go-kratos/kratos/v2/registry"
	"github.com/go-kratos/kratos/v2/transport/grpc"

	"github.com/example/helloworld/internal/biz"
	"github.com/example/helloworld/internal/conf"
	"github.com/example/helloworld/internal/data"
	"github.com/example/helloworld/internal/server"
	"github.com/example/helloworld/internal/service"
)

var (
	// Name is the name of the service.
	Name = "helloworld"
	// Version is set by the build.
	Version string
	// flagconf is the config path.
	flagconf string
	id, _    = os.Hostname()
)

func init() {
	flag.StringVar(&flagconf, "conf", "../../configs", "config path, eg: -conf config.yaml")
}

func newApp(logger log.Logger, gs *grpc.Server) *kratos.App {
	return kratos.New(
		kratos.ID(id),
		kratos.Name(Name),
		kratos.Version(Version),
		kratos.Logger(logger),
		kratos.Server(gs),
	)
}

func main() {
	logger := log.With(log.NewStdLogger(os.Stdout), "service.name", Name)
	c := config.New(
		config.WithSource(
			file.NewSource(flagconf), // pitfall: paladin-init
		),
	)
	defer c.Close()
	flag.Parse()

	var bc conf.Bootstrap
	if err := c.Scan(&bc); err != nil { // pitfall: paladin-init
		panic(err)
	}

	var r registry.Discovery // the registry the deployment provides
	d, err := data.NewData(context.Background(), bc.Data, r)
	if err != nil {
		panic(err)
	}
	greeter := biz.NewGreeterUsecase(d, log.NewHelper(logger))
	gs := server.NewGRPCServer(bc.Server, service.NewGreeterService(greeter))
	app := newApp(logger, gs)
	if err := app.Run(); err != nil {
		panic(err)
	}
}
