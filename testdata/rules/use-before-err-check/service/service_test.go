package service

import (
	"context"
	"testing"
)

func TestGreeting(t *testing.T) {
	s := &Service{}
	u, err := s.dao.User(context.Background(), 1)
	if err != nil {
		t.Error(err)
	}
	if u.Name != "" { /* hint */ // want `u used after an err check that does not leave the block`
		t.Fatal("unexpected name")
	}
}

func TestFatal(t *testing.T) {
	s := &Service{}
	u, err := s.dao.User(context.Background(), 1)
	if err != nil {
		t.Fatal(err) // t.Fatal ends the test
	}
	_ = u.Name // after a check that leaves
}
