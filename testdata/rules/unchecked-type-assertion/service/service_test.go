package service

import "testing"

func TestName(t *testing.T) {
	var v any = "x"
	s := v.(string) /* hint */ // want `unchecked type assertion v.\(string\)`
	if s != "x" {
		t.Fatal(s)
	}
}
