// Package svc has the pitfalls the language server tests look for.
package svc

import "context"

type key struct{}

// uidFrom 从 ctx 里取用户 ID。
func uidFrom(ctx context.Context) int64 {
	return ctx.Value(key{}).(int64) // 类型断言没有检查
}

// name returns v as a string.
func name(v interface{}) (string, error) {
	s := "名字😀: " + v.(string)
	return s, nil
}

// count returns v as an int.
func count(v interface{}) (int, error) {
	n := v.(int)
	return n, nil
}
