package parse

import (
	"fmt"
	"strings"
)

// --- Separators the program puts there itself ---

// MockFiles groups sources by "dir.name" keys it builds, then splits each
// key back (kratos tool/testgen's genMonkey): every key has its ".".
func MockFiles(srcs map[string][]string) []string {
	pkg := make(map[string]string)
	for dir, names := range srcs {
		for _, n := range names {
			pkg[dir+"."+n] += n + "\n"
		}
	}
	var files []string
	for path := range pkg {
		dir := strings.Split(path, ".")
		files = append(files, dir[0]+"/mock/monkey_"+dir[1]+".go") // every key was made with a "."
	}
	return files
}

// Qualified splits a name it has just built.
func Qualified(pkg, name string) string {
	full := pkg + "." + name
	parts := strings.Split(full, ".")
	return parts[1] // full holds a "."
}

// Formatted splits what fmt.Sprintf made with two ":" in its format.
func Formatted(host string, port, weight int) string {
	addr := fmt.Sprintf("%s:%d:%d", host, port, weight)
	f := strings.Split(addr, ":")
	return f[2] // the format puts two ":" there
}

// Either builds the key with a "/" on both branches.
func Either(a, b string, flip bool) string {
	var key string
	if flip {
		key = b + "/" + a
	} else {
		key = a + "/" + b
	}
	return strings.Split(key, "/")[1] // both branches put a "/" there
}

// --- and where it does not ---

// Percent is fooled by neither %% nor a verb's flags.
func Percent(n int) string {
	s := fmt.Sprintf("%5.2f%%", float64(n))
	return strings.Split(s, ".")[1] // want `strings.Split\(s, "."\)\[1\] panics when s contains no "."`
}

// OneDot has one "." but indexes past it.
func OneDot(pkg, name string) string {
	parts := strings.Split(pkg+"."+name, ".")
	return parts[2] // want `parts\[2\] panics when pkg \+ "." \+ name contains fewer than 2 "."`
}

// SomeKeys writes one key without the separator.
func SomeKeys(names []string) []string {
	m := make(map[string]bool)
	for _, n := range names {
		m["x."+n] = true
	}
	m["plain"] = true
	var out []string
	for k := range m {
		out = append(out, strings.Split(k, ".")[1]) // want `strings.Split\(k, "."\)\[1\] panics when k contains no "."`
	}
	return out
}

// Shared hands its map to another function, which may write any key.
func Shared(names []string, fill func(map[string]bool)) []string {
	m := make(map[string]bool)
	for _, n := range names {
		m["x."+n] = true
	}
	fill(m)
	var out []string
	for k := range m {
		out = append(out, strings.Split(k, ".")[1]) // want `strings.Split\(k, "."\)\[1\] panics when k contains no "."`
	}
	return out
}
