package ssaflow_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/internal/pmap"
	"github.com/gopitfalls/gopitfalls/rules/internal/ssaflow"
)

func TestConsistent(t *testing.T) {
	type facts map[string]int
	toMap := func(f facts) *pmap.Map[string, int] {
		m := new(pmap.Map[string, int])
		for k, v := range f {
			m.Set(k, v)
		}
		return m
	}
	differ := func(x, y int) bool { return x != y }
	once := func(k string) bool { return k != "loop" } // "loop" is computed on each iteration
	for _, tc := range []struct {
		name   string
		e      facts
		others []facts
		want   bool
	}{
		{"agree", facts{"a": 1}, []facts{{"a": 1}, {"b": 2}}, true},
		{"conflict", facts{"a": 1}, []facts{{"b": 2}, {"a": 2}}, false},
		{"conflict on a value computed more than once", facts{"loop": 1}, []facts{{"loop": 2}}, true},
		{"no later points", facts{"a": 1}, nil, true},
	} {
		var others []*pmap.Map[string, int]
		for _, o := range tc.others {
			others = append(others, toMap(o))
		}
		if got := ssaflow.Consistent(toMap(tc.e), others, differ, once); got != tc.want {
			t.Errorf("%s: Consistent = %v, want %v", tc.name, got, tc.want)
		}
	}
}
