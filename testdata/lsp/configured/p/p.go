package p

func f(v any) int { return v.(int) }
