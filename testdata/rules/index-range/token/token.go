// Package token holds index-range fixtures: splits of input strings,
// literals, make, branches, loops, closures, defer, methods.
package token

import (
	"errors"
	"fmt"
	"log"
	"strconv"
	"strings"
)

// --- Positives ---

// notesExample is the notes' `code := int[]{1,2}; code[2]`, in valid Go.
func notesExample() int {
	code := []int{1, 2}
	_ = code[0]
	return code[2] // want `code\[2\] is out of range: code has length 2`
}

func makeWithCapacity() []byte {
	buf := make([]byte, 0, 8)
	buf[0] = 'x' // want `buf\[0\] is out of range: buf is empty here`
	return buf
}

// ParseToken parses "uid:sign".
func ParseToken(token string) (int64, string, error) {
	parts := strings.Split(token, ":")
	uid, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return 0, "", err
	}
	return uid, parts[1], nil // want `parts\[1\] panics when token contains no ":"`
}

func splitAddr(addr string) (host, port string, err error) {
	parts := strings.Split(addr, ":")
	host = parts[0]
	port = parts[1] // want `parts\[1\] panics when addr contains no ":"`
	return host, port, nil
}

func parseKV(lines []string) map[string]string {
	m := make(map[string]string)
	for _, line := range lines {
		kv := strings.Split(line, "=")
		m[kv[0]] = kv[1] // want `kv\[1\] panics when line contains no "="`
	}
	return m
}

func version(s string) (minor, patch string) {
	parts := strings.Split(s, ".")
	if len(parts) > 1 {
		minor = parts[1]
	}
	patch = parts[2] // want `parts\[2\] panics when s contains fewer than 2 "."`
	return minor, patch
}

func third(s string) string {
	return strings.SplitN(s, ",", 2)[2] // want `strings.SplitN\(s, ",", 2\)\[2\] is out of range: strings.SplitN returns at most 2 elements`
}

func command(line string) string {
	return strings.Fields(line)[0] // want `strings.Fields\(line\)\[0\] panics when line is blank`
}

func secondHost(raw string) string {
	var hosts []string
	if raw != "" {
		hosts = strings.Split(raw, ",")
	} else {
		hosts = []string{"localhost"}
	}
	return hosts[1] // want `hosts\[1\] panics when raw contains no ","`
}

func logPeer(peer string) {
	parts := strings.Split(peer, "@")
	defer log.Println("done with", parts[1]) // want `parts\[1\] panics when peer contains no "@"`
	log.Println("serving", parts[0])
}

func router() func(path string) string {
	return func(path string) string {
		segs := strings.Split(path, "/")
		return segs[2] // want `segs\[2\] panics when path contains fewer than 2 "/"`
	}
}

// User is an account.
type User struct{ Name, Domain string }

// SetEmail sets the name and domain from an email address.
func (u *User) SetEmail(email string) {
	u.Name = strings.Split(email, "@")[0]
	u.Domain = strings.Split(email, "@")[1] // want `strings.Split\(email, "@"\)\[1\] panics when email contains no "@"`
}

func emptyCheckInverted(items []string) string {
	if len(items) == 0 {
		log.Printf("no items after %s", items[0]) // want `items\[0\] is out of range: items is empty here`
	}
	return ""
}

func shortCheckInverted(args []string) string {
	if len(args) < 2 {
		return args[1] // want `args\[1\] is out of range: args has at most 1 element here`
	}
	return args[0]
}

func triple(s string) (a, b, c string) {
	p := strings.Split(s, "|")
	a, b, c = p[0], p[1], p[2] // want `p\[1\] panics when s contains no "\|"` `p\[2\] panics when s contains fewer than 2 "\|"`
	return a, b, c
}

// --- Negatives: a naive checker flags each of these ---

func earlyReturn(token string) (string, error) {
	parts := strings.Split(token, ":")
	if len(parts) < 2 {
		return "", errors.New("malformed token")
	}
	return parts[1], nil // guarded by the early return
}

func exactCount(s string) (string, string, error) {
	parts := strings.Split(s, "=")
	if len(parts) != 2 {
		return "", "", fmt.Errorf("bad pair %q", s)
	}
	return parts[0], parts[1], nil // len(parts) == 2 here
}

func insideCheck(s string) string {
	parts := strings.Split(s, "/")
	if len(parts) >= 2 {
		return parts[1] // inside the check
	}
	return ""
}

func reversedCheck(s string) string {
	if parts := strings.Split(s, "/"); 1 < len(parts) {
		return parts[1] // 1 < len(parts), spelled the other way round
	}
	return ""
}

func switchLen(s string) string {
	parts := strings.Split(s, ":")
	switch len(parts) {
	case 2:
	case 3:
		log.Println("with a port")
	default:
		return ""
	}
	return parts[1] // every case that gets here has 2 or 3 parts
}

func lengthInVariable(s string) string {
	parts := strings.Split(s, ",")
	n := len(parts)
	if n < 3 {
		return ""
	}
	return parts[2] // n is len(parts)
}

func lengthArithmetic(s string) string {
	parts := strings.Split(s, ",")
	if len(parts)-1 >= 1 {
		return parts[1] // len(parts)-1 >= 1 is len(parts) >= 2
	}
	return ""
}

func firstIsAlwaysThere(s string) string {
	return strings.Split(s, ",")[0] // Split with a non-empty separator returns at least one element
}

func containsFirst(s string) string {
	if !strings.Contains(s, ":") {
		return s
	}
	return strings.Split(s, ":")[1] // s contains ":"
}

func indexFirst(s string) string {
	if strings.Index(s, "=") < 0 {
		return ""
	}
	return strings.Split(s, "=")[1] // strings.Index found "="
}

func bearer(auth string) string {
	if strings.HasPrefix(auth, "Bearer ") {
		return strings.Split(auth, " ")[1] // the prefix has the separator
	}
	return ""
}

func countFirst(s string) string {
	if strings.Count(s, ":") != 1 {
		return ""
	}
	return strings.SplitN(s, ":", 2)[1] // exactly one ":"
}

func commands(lines []string) []string {
	var out []string
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		out = append(out, strings.Fields(line)[0]) // the trimmed line is not blank
	}
	return out
}

func appended() int {
	code := []int{1, 2}
	code = append(code, 3)
	return code[2] // appended: three elements
}

func grown(s string) string {
	parts := strings.Split(s, ",")
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return parts[2] // the loop made it long enough
}

func inRange(fields []string, s string) string {
	parts := strings.Split(s, ",")
	for range parts {
		return parts[0] // ranging over parts: it is not empty here
	}
	for i := 0; i < len(parts); i++ {
		if i > 0 {
			return parts[1] // i < len(parts) with i ≥ 1... and parts[1] only needs i ≥ 0 and one more
		}
	}
	return ""
}

func shortCircuit(s string) bool {
	parts := strings.Split(s, ":")
	return len(parts) > 1 && parts[1] != "" // the left operand checked it
}

func panicGuard(s string) string {
	parts := strings.Split(s, "@")
	if len(parts) != 2 {
		panic("bad address " + s)
	}
	return parts[1] // the guard panics with a clear message instead
}

func fatalGuard(s string) string {
	parts := strings.Split(s, "@")
	if len(parts) < 2 {
		log.Fatalf("bad address %q", s)
	}
	return parts[1] // log.Fatalf does not return
}

func constantInput() string {
	return strings.Split("a:b", ":")[1] // the input is a constant with the separator
}

func capturedAfterCheck(s string, done chan<- string) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 {
		return
	}
	go func() {
		done <- parts[1] // checked before the goroutine started
	}()
}

// Config is a parsed configuration.
type Config struct{ Hosts []string }

func (c *Config) backup() string {
	if len(c.Hosts) < 2 {
		return ""
	}
	return c.Hosts[1] // checked; fields are not tracked anyway
}

func afterLongerIndex(s string) (string, string) {
	parts := strings.Split(s, ",")
	if len(parts) < 3 {
		return "", ""
	}
	last := parts[2]
	return parts[1], last // parts[2] already succeeded
}

func knownLiteral() string {
	names := []string{"a", "b", "c"}
	return names[2] // a literal with three elements
}

func correlated(s string, withPort bool) string {
	parts := []string{s}
	if withPort {
		parts = strings.Split(s, ":")
		if len(parts) < 2 {
			return ""
		}
	}
	if withPort {
		return parts[1] // the split with a checked length is the only way here
	}
	return parts[0]
}
