package conf

import (
	"fmt"
	"log"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

// InitAndWatch overwrites Init's error with Watch's.
func InitAndWatch() error { // want InitAndWatch:"init conf returns-init-error"
	err := paladin.Init() // want `error of paladin.Init is overwritten at line 13 before it is checked`
	err = paladin.Watch("app.toml", Conf)
	return err
}

// Prepare forgets the error on its fast path.
func Prepare(fast bool) error { // want Prepare:"init conf returns-init-error"
	var err error
	if fast {
		err = paladin.Init() // want `error of paladin.Init is never checked; after a failed Init`
		return nil
	}
	err = InitRemote()
	return err
}

// Retry reads err in the loop's condition: every Init's error is looked at.
func Retry() error { // want Retry:"init conf returns-init-error"
	var err error
	for i := 0; i < 3; i++ {
		err = paladin.Init() // read by the if below before the next iteration overwrites it
		if err == nil {
			break
		}
	}
	return err
}

// Wrapped overwrites err with a value made from it.
func Wrapped() error { // want Wrapped:"init conf returns-init-error"
	err := paladin.Init()
	err = fmt.Errorf("conf: %w", err) // reads Init's error before overwriting it
	return err
}

// Named returns Init's error through its named result.
func Named() (err error) { // want Named:"init conf returns-init-error"
	err = paladin.Init() // the bare return below returns it
	return
}

// Deferred logs the error in a deferred closure.
func Deferred() { // want Deferred:"init conf"
	err := paladin.Init() // the deferred closure reads it when Deferred returns
	defer func() {
		if err != nil {
			log.Printf("conf: %v", err)
		}
	}()
	err = nil
}

// Switched checks the error in a switch.
func Switched() bool { // want Switched:"init conf"
	switch err := paladin.Init(); { // the case reads it
	case err != nil:
		return false
	}
	return true
}
