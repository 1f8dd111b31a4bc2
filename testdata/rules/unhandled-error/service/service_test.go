package service

import (
	"context"
	"strconv"
	"testing"
)

func TestDeposit(t *testing.T) {
	ctx := context.Background()
	s := &Service{}
	s.Deposit(ctx, 1, 100)                 // a failed setup call fails the assertions below
	n, _ := strconv.Atoi("x" + "1")        // in a test, a discarded error fails the test later
	err := s.Batch(ctx, []int64{int64(n)}) /* hint */ // want `err from s.Batch is overwritten at line \d+ before it is checked`
	err = s.Batch(ctx, []int64{3})
	if err != nil {
		t.Fatal(err)
	}
}
