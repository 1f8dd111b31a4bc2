// Package paladin is a LOOK-ALIKE, not a kratos v2 package: kratos v0.x's
// paladin API under the v2 module path, so that fixtures can prove that
// rules never match github.com/go-kratos/kratos/v2/... (see README.md).
package paladin

type Value struct{ raw string }

func (v *Value) String() (string, error) { return v.raw, nil }

func Init(args ...interface{}) error { return nil }
func Get(key string) *Value          { return &Value{} }
