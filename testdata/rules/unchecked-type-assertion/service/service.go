package service

import (
	"context"
	"fmt"
	"io"
	"reflect"
)

type ctxKey int

const uidKey ctxKey = 0

type User struct{ Name string }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprint(e.Code) }

// Positives: nothing in the program pins what these values hold.

// uidKey is unexported and nothing sets it: the value is always nil.
func uidFrom(ctx context.Context) (int64, error) {
	uid := ctx.Value(uidKey).(int64) // want `unchecked type assertion ctx.Value\(uidKey\).\(int64\) panics when ctx.Value\(uidKey\) holds another type`
	return uid, nil
}

// NameOf is exported: its callers pass anything.
func NameOf(v interface{}) string {
	return v.(string) // want `unchecked type assertion v.\(string\)`
}

// nameOf has no caller in the package: its parameter is whatever a caller passes.
func nameOf(v interface{}) string {
	return v.(string) // want `unchecked type assertion v.\(string\)`
}

func printStringer(x any) {
	fmt.Println(x.(fmt.Stringer)) // want `unchecked type assertion x.\(fmt.Stringer\)`
}

type Service struct {
	cache map[string]any
	last  any
}

// Put and SetLast let callers store anything.
func (s *Service) Put(k string, v any) { s.cache[k] = v }

func (s *Service) SetLast(v any) { s.last = v }

func (s *Service) Get(k string) (*User, error) {
	v := s.cache[k]
	u := v.(*User) // want `unchecked type assertion v.\(\*User\)`
	return u, nil
}

func (s *Service) Last() (*User, error) {
	var u *User
	u = s.last.(*User) // want `unchecked type assertion s.last.\(\*User\)`
	return u, nil
}

func codeOf(err error) int {
	if err != nil {
		e := err.(*MyErr) // want `unchecked type assertion err.\(\*MyErr\)`
		return e.Code
	}
	return 0
}

func lookup(m map[string]any) string {
	return fmt.Sprint(m["k"].(string)) // want `unchecked type assertion m\["k"\].\(string\)`
}

func safeRun(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(error) // want `unchecked type assertion r.\(error\)`
		}
	}()
	f()
	return nil
}

var fallback any = "x"

var fallbackName = fallback.(string) // the only value ever stored in fallback is a string

var Exported any = "x"

var exportedName = Exported.(string) /* information */ // want `unchecked type assertion Exported.\(string\)`

func enabled(v any) bool {
	if v.(bool) { // want `unchecked type assertion v.\(bool\)`
		return true
	}
	return false
}

func enabledShort(v any) bool {
	if v != nil && v.(bool) { // want `unchecked type assertion v.\(bool\)`
		return true
	}
	return false
}

func worker(jobs []any) {
	for _, j := range jobs {
		go func() {
			n := j.(int) // want `unchecked type assertion j.\(int\)`
			fmt.Println(n)
		}()
	}
}

func otherCase(x any) int {
	switch x.(type) {
	case string:
		return x.(int) // want `unchecked type assertion x.\(int\)`
	}
	return 0
}

func elseIf(x any) int {
	if _, ok := x.(string); ok {
		return 1
	} else if x.(int) > 0 { // want `unchecked type assertion x.\(int\)`
		return 2
	}
	return 0
}

func guardedOther(x any) int {
	if _, ok := x.(string); ok {
		return x.(int) // want `unchecked type assertion x.\(int\)`
	}
	return 0
}

func shadowOK(m map[string]int, v any) (int, error) {
	n, ok := m["a"]
	s := v.(string) // want `unchecked type assertion v.\(string\)`
	if !ok {
		return 0, nil
	}
	return n + len(s), nil
}

// Negatives.

func commaOK(x any) (string, bool) {
	s, ok := x.(string) // comma-ok cannot panic
	return s, ok
}

func commaOKVar(x any) bool {
	var _, ok = x.(int) // comma-ok in a declaration
	return ok
}

func commaOKAssign(x any) (n int, ok bool) {
	n, ok = x.(int) // comma-ok assignment
	return
}

func commaOKParen(x any) bool {
	_, ok := (x.(int)) // parenthesised comma-ok
	return ok
}

func typeSwitch(x any) string {
	switch v := x.(type) { // a type switch never panics
	case string:
		return v
	}
	return ""
}

func guarded(x any) string {
	if _, ok := x.(string); ok {
		return x.(string) // guarded by the comma-ok check above
	}
	return ""
}

func guardedAnd(x any, flag bool) string {
	if _, ok := x.(string); ok && flag {
		return x.(string) // guarded: ok is one conjunct of the condition
	}
	return ""
}

func caseGuarded(x any) string {
	switch x.(type) {
	case *User:
		return x.(*User).Name // the case proves x is a *User
	}
	return ""
}

func cannotFail(rc io.ReadCloser) io.Reader {
	return rc.(io.Reader) // io.ReadCloser always implements io.Reader
}

func MustUser(v any) *User {
	return v.(*User) // Must* functions panic by design
}

func viaReflect(v reflect.Value, errType reflect.Type) error {
	if v.Type().Implements(errType) {
		return v.Interface().(error) // reflect checked the type first
	}
	return nil
}

func inText() string {
	// x.(string) in a comment is not code
	return "v.(int) in a string is not code"
}

func suppressed(x any) int {
	//gopitfalls:ignore unchecked-type-assertion the caller always passes an int
	return x.(int) // silenced on the line above
}

func nolint(x any) int {
	return x.(int) //nolint:gopitfalls // silenced on its line
}

func indexGuarded(md map[string]any, key string) bool {
	switch md[key].(type) {
	case bool:
		return md[key].(bool) // the case proves md[key] is a bool
	case string:
		return md["k"].(string) != "" // want `unchecked type assertion md\["k"\].\(string\)`
	}
	return false
}

type field struct{ Type any }

type funcType struct{ Params, Results []string }

// The first assertion panics before the others can: only it is
// reported. f.Type is a field nothing in the package sets: it informs.
// params cannot report a failure (no error, no ok): no fix.
func params(f *field) []string {
	ps := f.Type.(*funcType).Params        /* information */ // want `unchecked type assertion f.Type.\(\*funcType\)`
	if f.Type.(*funcType).Results != nil { // dominated by the line above
		ps = append(ps, f.Type.(*funcType).Results...) // dominated
	}
	return ps
}

// Two fixes in one block: applied together, they declare two names.
func Pair(a, b any) (int, error) {
	x := a.(int) // want `unchecked type assertion a.\(int\)`
	y := b.(int) // want `unchecked type assertion b.\(int\)`
	return x + y, nil
}

// A comma-ok check that leaves on failure dominates what follows.
func checkedFirst(x any) (int, error) {
	_, ok := x.(int)
	if !ok {
		return 0, nil
	}
	return x.(int), nil // the check above returned unless x is an int
}

func checkedInIf(x any) (int, error) {
	if _, ok := x.(int); !ok {
		return 0, nil
	}
	return x.(int) + 1, nil // the if above returned unless x is an int
}

func reassigned(x any, y any) (int, error) {
	a := x.(int) // want `unchecked type assertion x.\(int\)`
	x = y
	return a + x.(int), nil // want `unchecked type assertion x.\(int\)`
}

// Lookup is the v, ok idiom: the fix returns false.
func Lookup(m map[string]any, k string) (string, bool) {
	s := m[k].(string) // want `unchecked type assertion m\[k\].\(string\)`
	return s, true
}
