// Package logx stands in for a structured logger.
package logx

type D struct {
	Key   string
	Value any
}

func KVString(k, v string) D { return D{k, v} }

func Infov(args ...D) {}
