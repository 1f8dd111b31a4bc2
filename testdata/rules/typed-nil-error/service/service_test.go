package service

import "testing"

func TestCreate(t *testing.T) {
	s := &Service{}
	check := func(req *Request) error {
		if err := validate(req); err != nil {
			return err // checked
		}
		return nil
	}
	if err := check(&Request{UID: 1, Name: "a"}); err != nil {
		t.Fatal(err)
	}
	_ = s
}

func helper(req *Request) error {
	v := validate(req)
	return v // want `v can be a nil \*ValidationError from validate; returned as error it is not nil`
}
