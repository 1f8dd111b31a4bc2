package main

import (
	"context"
	"fmt"
	"go/format"
	"io"
	"log/slog"
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/rules/all"
)

// analyze runs every rule on the module in dir.
func analyze(tb testing.TB, dir string) *driver.Result {
	tb.Helper()
	res, err := driver.Analyze(context.Background(), &driver.Options{
		Dir: dir, Patterns: []string{"./..."}, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Selection: func(string) (*driver.Selection, error) { return &driver.Selection{Rules: all.Rules}, nil },
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(res.Errors) > 0 {
		tb.Fatalf("package errors: %v", res.Errors)
	}
	return res
}

// BenchmarkCheck runs every rule on the inputs at the sizes the issue of
// record names (go test -bench . -benchmem ./internal/bench/size; add
// -cpuprofile or -memprofile to see where the time goes). The command in
// main.go measures the same beside go vet, with peak RSS.
func BenchmarkCheck(b *testing.B) {
	for _, tc := range []struct {
		input string
		size  int
	}{
		{"findings", 50000},
		{"generated", 50000},
		{"statements", 5000},
		{"switch", 5000},
	} {
		b.Run(fmt.Sprintf("%s-%d", tc.input, tc.size), func(b *testing.B) {
			in, _ := inputNamed(tc.input)
			dir := b.TempDir()
			if err := writeModule(dir, in.gen(tc.size)); err != nil {
				b.Fatal(err)
			}
			var n int
			for b.Loop() {
				n = len(analyze(b, dir).Findings)
			}
			b.ReportMetric(float64(n), "findings")
		})
	}
}

// TestInputs checks that the generated inputs are gofmt'd Go that
// type-checks, with the findings they are meant to have: one per function
// in the findings file, none shown in the generated one.
func TestInputs(t *testing.T) {
	for _, tc := range []struct {
		input    string
		size     int
		findings int
	}{
		{"findings", 50, 9}, // 9 functions of 5 lines after the 6-line header
		{"generated", 50, 0},
		{"statements", 20, 0},
		{"switch", 20, 0},
		{"closures", 20, 0},
	} {
		t.Run(tc.input, func(t *testing.T) {
			in, ok := inputNamed(tc.input)
			if !ok {
				t.Fatalf("no input %s", tc.input)
			}
			src := in.gen(tc.size)
			if formatted, err := format.Source([]byte(src)); err != nil || string(formatted) != src {
				t.Fatalf("not gofmt'd (%v):\n%s", err, src)
			}
			dir := t.TempDir()
			if err := writeModule(dir, src); err != nil {
				t.Fatal(err)
			}
			res := analyze(t, dir)
			if len(res.Findings) != tc.findings {
				for _, f := range res.Findings {
					t.Log(f.Rule.ID, f.Diag.Message)
				}
				t.Errorf("%d findings, want %d", len(res.Findings), tc.findings)
			}
		})
	}
}
