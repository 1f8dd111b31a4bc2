package service

import (
	"context"
	"errors"

	"example.com/ubec/dao"
	"example.com/ubec/model"
	"github.com/go-kratos/kratos/pkg/log"
)

var errNoItem = errors.New("no item")

// loadItem returns nil and an error for a missing item.
func loadItem(ctx context.Context, id int64) (*model.Item, error) {
	if id <= 0 {
		return nil, errNoItem
	}
	return &model.Item{ID: id}, nil
}

// --- positives: methods of model that dereference their receiver ---

// NormalizedItem normalizes before it looks at err (the evaluation's
// feed dao).
func NormalizedItem(ctx context.Context, id int64) (*model.Item, error) {
	it, err := loadItem(ctx, id)
	it.Normalize() // want `it used before err is checked; it is nil when loadItem fails`
	return it, err
}

// TitleLen reads the length before the check, which follows.
func TitleLen(ctx context.Context, id int64) (int, error) {
	it, err := loadItem(ctx, id)
	n := it.Len() // want `it used before err is checked; it is nil when loadItem fails`
	if err != nil {
		return 0, err
	}
	return n, nil
}

// Touched calls a method that dereferences through another method.
func Touched(ctx context.Context, id int64) error {
	it, err := loadItem(ctx, id)
	it.Touch() // want `it used before err is checked`
	if err != nil {
		return err
	}
	return nil
}

// Logged checks err but only logs, and carries on.
func Logged(ctx context.Context, id int64) {
	it, err := loadItem(ctx, id)
	if err != nil {
		log.Error("loadItem(%d) error(%v)", id, err)
	}
	it.Clean() // want `it used after an err check that does not leave the block`
}

// --- negatives ---

// SafeMethods calls methods that a nil *Item survives.
func SafeMethods(ctx context.Context, id int64) (string, error) {
	it, err := loadItem(ctx, id)
	title := it.GetTitle()  // nil-safe getter: no fact
	ok := it.Valid()        // compares its receiver with nil first: no fact
	label := it.Label(true) // dereferences only when short is false: no fact
	if err != nil || !ok {
		return "", err
	}
	return title + label, nil
}

// Checked normalizes after the check.
func Checked(ctx context.Context, id int64) (*model.Item, error) {
	it, err := loadItem(ctx, id)
	if err != nil {
		return nil, err
	}
	it.Normalize() // after the check
	return it, nil
}

// Bound takes a method value: nothing is called yet.
func Bound(ctx context.Context, id int64) (func(), error) {
	it, err := loadItem(ctx, id)
	norm := it.Normalize // a method value binds the pointer and calls nothing
	if err != nil {
		return nil, err
	}
	return norm, nil
}

// UserKey calls dao.User's CacheKey, which dereferences u through Key.
func UserKey(ctx context.Context, d *dao.Dao, mid int64) (string, error) {
	u, err := d.User(ctx, mid)
	k := u.CacheKey() // want `u used before err is checked; u may be nil when d.User fails`
	if err != nil {
		return "", err
	}
	return k, nil
}

// UserLabel calls dao.User methods a nil *User survives.
func UserLabel(ctx context.Context, d *dao.Dao, mid int64) (string, error) {
	u, err := d.User(ctx, mid)
	label := u.Describe(false) // reads u.Name only when verbose: no fact
	if !u.Valid() {            // compares u with nil first: no fact
		return "", err
	}
	return label, err
}
