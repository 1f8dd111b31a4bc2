// Package model holds the account service's data types.
package model

import "time"

// Account is a user's account.
type Account struct {
	UID      int64
	Name     string
	Balance  int64
	Level    int32
	Tags     map[string]string
	Created  time.Time
	Modified time.Time
}

// Order is a payment order.
type Order struct {
	ID     int64
	UID    int64
	Amount int64
	State  int8
}

// Event is a change announced on the account-change topic.
type Event struct {
	UID    int64  `json:"uid"`
	Action string `json:"action"`
	Amount int64  `json:"amount"`
}
