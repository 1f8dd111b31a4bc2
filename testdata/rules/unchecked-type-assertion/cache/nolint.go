package cache

import "strconv" //nolint:depguard // the fix's import block keeps this comment on its import

func parse(v any) (int, error) {
	return strconv.Atoi(v.(string)) // want `unchecked type assertion v.\(string\)`
}
