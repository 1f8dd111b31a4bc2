package dao

import (
	"context"
	"testing"

	"github.com/go-kratos/kratos/pkg/net/rpc/warden"
)

// Tests dial the servers they start.
func TestDial(t *testing.T) {
	if _, err := warden.NewClient(nil).Dial(context.Background(), "127.0.0.1:18001"); err != nil {
		t.Fatal(err)
	}
}
