// Package tag is reduced from code that reads Prometheus query results:
// a model.Value names its own kind with Type(), and callers assert the
// concrete type after asking it.
package tag

import "fmt"

// A ValueType names the kind of a Value.
type ValueType int

const (
	ValNone ValueType = iota
	ValScalar
	ValVector
	ValMatrix
)

// A Value is a query result; Type says which concrete type it is.
type Value interface {
	Type() ValueType
	String() string
}

// A Matrix is a range query's result.
type Matrix []float64

func (Matrix) Type() ValueType  { return ValMatrix }
func (Matrix) String() string   { return "matrix" }
func (m Matrix) Len() int       { return len(m) }
func (Vector) Type() ValueType  { return ValVector }
func (Vector) String() string   { return "vector" }
func (Scalar) Type() ValueType  { return ValScalar }
func (s Scalar) String() string { return fmt.Sprint(float64(s)) }

// A Vector is an instant query's result.
type Vector []float64

// A Scalar is a single number.
type Scalar float64

// Rows leaves when the kind is not a matrix.
func Rows(mv Value) (int, error) {
	if mv.Type() != ValMatrix {
		return 0, fmt.Errorf("unexpected value type %v", mv.Type())
	}
	return mv.(Matrix).Len(), nil /* information */ // want `unchecked type assertion mv.\(Matrix\)`
}

// Size switches on the kind.
func Size(v Value) int {
	switch v.Type() {
	case ValVector:
		return len(v.(Vector)) /* information */ // want `unchecked type assertion v.\(Vector\)`
	case ValMatrix:
		return len(v.(Matrix)) /* information */ // want `unchecked type assertion v.\(Matrix\)`
	}
	return 0
}

// Number asks in the condition of an if.
func Number(v Value) float64 {
	if v.Type() == ValScalar && v.String() != "" {
		return float64(v.(Scalar)) /* information */ // want `unchecked type assertion v.\(Scalar\)`
	}
	return 0
}

// Else asks in the else of the mismatch.
func Else(v Value) float64 {
	if v.Type() != ValScalar {
		return 0
	} else {
		return float64(v.(Scalar)) /* information */ // want `unchecked type assertion v.\(Scalar\)`
	}
}

// Unasked asserts with no question asked: an exported parameter may hold
// anything.
func Unasked(v Value) int {
	return len(v.(Matrix)) // want `unchecked type assertion v.\(Matrix\)`
}

// Other asked about another value.
func Other(v, w Value) int {
	if w.Type() != ValMatrix {
		return 0
	}
	return len(v.(Matrix)) // want `unchecked type assertion v.\(Matrix\)`
}

// Reassigned asked, then replaced the value.
func Reassigned(v Value, next func() Value) int {
	if v.Type() != ValMatrix {
		return 0
	}
	v = next()
	return len(v.(Matrix)) // want `unchecked type assertion v.\(Matrix\)`
}

// NotLeaving asks but goes on either way.
func NotLeaving(v Value) int {
	if v.Type() != ValMatrix {
		fmt.Println("not a matrix")
	}
	return len(v.(Matrix)) // want `unchecked type assertion v.\(Matrix\)`
}

// Mismatch checks the tag is not a vector, then asserts a matrix: the
// then-branch of != proves nothing.
func Mismatch(v Value) int {
	if v.Type() != ValVector {
		return len(v.(Matrix)) // want `unchecked type assertion v.\(Matrix\)`
	}
	return 0
}
