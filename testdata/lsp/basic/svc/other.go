package svc

// Shape is a shape.
type Shape interface {
	Area() float64
}

func size(v interface{}) float64 {
	return v.(Shape).Area()
}
