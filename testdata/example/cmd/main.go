// Command account runs the account service.
package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
	"github.com/go-kratos/kratos/pkg/log"

	"github.com/example/account/internal/dao"
	"github.com/example/account/internal/server/grpc"
	"github.com/example/account/internal/server/http"
	"github.com/example/account/internal/service"
)

func main() {
	flag.Parse()
	_ = paladin.Init() // pitfall: paladin-init
	log.Init(nil)
	defer log.Close()

	svc := service.New(dao.New())
	httpSrv, err := http.New(svc)
	if err != nil {
		panic(err)
	}
	grpcSrv, err := grpc.New(svc)
	if err != nil {
		panic(err)
	}

	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGINT)
	<-c
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Second)
	defer cancel()
	if err := grpcSrv.Shutdown(ctx); err != nil {
		log.Error("grpc shutdown: %v", err)
	}
	if err := httpSrv.Shutdown(ctx); err != nil {
		log.Error("http shutdown: %v", err)
	}
	if err := svc.Close(); err != nil {
		log.Error("close: %v", err)
	}
}
