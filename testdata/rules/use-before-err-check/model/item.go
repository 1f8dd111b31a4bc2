// Package model holds the feed's items. Its methods with pointer
// receivers are called from other packages: the rule exports a fact for
// those that dereference the receiver before any nil check.
package model

import "strings"

// Item is a feed item.
type Item struct {
	ID    int64
	Title string
	Tags  []string
}

// Normalize trims the title; it reads i.Title first thing.
func (i *Item) Normalize() { // want Normalize:"derefs its receiver: i.Title"
	if len(i.Title) > 80 {
		i.Title = i.Title[:80]
	}
}

// Len is the title's length.
func (i *Item) Len() int { return len(i.Title) } // want Len:"derefs its receiver: i.Title"

// Touch normalizes through another method.
func (i *Item) Touch() { // want Touch:"derefs its receiver: i.Normalize"
	i.Normalize()
	i.Tags = append(i.Tags, "touched")
}

// GetTitle is nil-safe, as protoc-gen-go's getters are: no fact.
func (i *Item) GetTitle() string {
	if i != nil {
		return i.Title
	}
	return ""
}

// Valid looks at a nil receiver first: no fact.
func (i *Item) Valid() bool { return i != nil && i.ID > 0 }

// Label reads the receiver only on some paths: no fact.
func (i *Item) Label(short bool) string {
	if short {
		return "item"
	}
	return strings.ToUpper(i.Title)
}

// normalize is unexported: no other package calls it, no fact.
func (i *Item) normalize() { i.Title = strings.TrimSpace(i.Title) }

// Clean calls the unexported method, which dereferences the receiver.
func (i *Item) Clean() { i.normalize() } // want Clean:"derefs its receiver: i.normalize"

// Page is a value-receiver type: calling through a nil *Page copies it,
// which the rule knows without a fact.
type Page struct{ Items []*Item }

// Size has a value receiver: no fact.
func (p Page) Size() int { return len(p.Items) }
