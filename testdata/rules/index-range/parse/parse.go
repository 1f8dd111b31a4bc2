// Package parse holds index-range fixtures for SplitN (with the
// strings.Cut fix), Fields, regular expressions and bytes.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// --- Positives ---

// Header splits "Name: value".
func Header(h string) (string, string, error) {
	kv := strings.SplitN(h, ":", 2)
	name, value := kv[0], kv[1] // want `kv\[1\] panics when h contains no ":"`
	return strings.TrimSpace(name), strings.TrimSpace(value), nil
}

// Env turns KEY=VALUE lines into a map.
func Env(lines []string) map[string]string {
	env := make(map[string]string)
	for _, l := range lines {
		pair := strings.SplitN(l, "=", 2)
		env[pair[0]] = pair[1] // want `pair\[1\] panics when l contains no "="`
	}
	return env
}

// Value returns what follows the first "=".
func Value(s string) string {
	kv := strings.SplitN(s, "=", 2)
	return kv[1] // want `kv\[1\] panics when s contains no "="`
}

// Spaced: a split on every separator, not only the first: no Cut.
func Spaced(s string) (string, error) {
	parts := strings.Split(s, " ")
	return parts[1], nil // want `parts\[1\] panics when s contains no " "`
}

var versionRE = regexp.MustCompile(`^v(\d+)\.(\d+)`)

// Major returns the major version of a tag.
func Major(tag string) (string, error) {
	m := versionRE.FindStringSubmatch(tag)
	return m[1], nil // want `m\[1\] panics when the regexp does not match: FindStringSubmatch returns nil then`
}

// Minor returns the minor version of a tag.
func Minor(tag string) string {
	return versionRE.FindStringSubmatch(tag)[2] // want `versionRE.FindStringSubmatch\(tag\)\[2\] panics when the regexp does not match`
}

// FirstWord returns the first word of a line.
func FirstWord(line string) (string, error) {
	words := strings.Fields(line)
	return words[0], nil // want `words\[0\] panics when line is blank`
}

// Columns returns the second and third columns.
func Columns(line []byte) ([]byte, []byte) {
	cols := bytes.Fields(line)
	return cols[1], cols[2] // want `cols\[1\] panics when line has fewer than 2 fields` `cols\[2\] panics when line has fewer than 3 fields`
}

// AllNumbers returns the first number in s.
func FirstNumber(s string) string {
	return regexp.MustCompile(`\d+`).FindAllString(s, -1)[0] // want `FindAllString\(s, -1\)\[0\] panics when the regexp finds no match`
}

// --- Negatives ---

// HeaderChecked checks the split.
func HeaderChecked(h string) (string, string, error) {
	kv := strings.SplitN(h, ":", 2)
	if len(kv) != 2 {
		return "", "", errors.New("no colon")
	}
	return kv[0], kv[1], nil // len(kv) == 2
}

// MajorChecked checks the match.
func MajorChecked(tag string) string {
	m := versionRE.FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return m[1] // a non-nil submatch slice has every group
}

// MinorChecked checks the match the other way round.
func MinorChecked(tag string) string {
	if m := versionRE.FindStringSubmatch(tag); m != nil {
		return m[2] // m != nil
	}
	return ""
}

// PatchChecked checks the length of the match.
func PatchChecked(tag string) string {
	m := versionRE.FindStringSubmatch(tag)
	if len(m) == 0 {
		return ""
	}
	return m[1] // not empty means matched
}

// SwitchFields switches on the number of fields.
func SwitchFields(line string) string {
	f := strings.Fields(line)
	switch {
	case len(f) == 0:
		return ""
	case len(f) >= 2:
		return f[1] // at least two
	}
	return f[0] // exactly one
}

// NumbersChecked checks the matches.
func NumbersChecked(s string) string {
	all := regexp.MustCompile(`\d+`).FindAllString(s, -1)
	if all == nil {
		return ""
	}
	return all[0] // FindAll returns nil when there is no match
}

// Describe formats the first field, or says there is none.
func Describe(line string) string {
	f := strings.Fields(line)
	if len(f) > 0 {
		return fmt.Sprintf("command %s", f[0]) // checked
	}
	return "empty"
}
