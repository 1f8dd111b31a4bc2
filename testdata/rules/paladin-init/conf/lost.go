package conf

import (
	"flag"
	"fmt"
	"log"

	"github.com/go-kratos/kratos/pkg/conf/paladin"
)

// InitAndWatch overwrites Init's error with Watch's.
func InitAndWatch() error { // want InitAndWatch:"init conf returns-init-error"
	err := paladin.Init() // want `error of paladin.Init is overwritten at line \d+ before it is checked`
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

// Deferred logs the error in a deferred closure, but overwrites it
// first: the closure reads err when Deferred returns, and sees nil.
func Deferred() { // want Deferred:"init conf"
	err := paladin.Init() // want `error of paladin.Init is overwritten at line \d+ before it is checked`
	defer func() {
		if err != nil {
			log.Printf("conf: %v", err)
		}
	}()
	err = nil
}

// DeferredReads logs the error in a deferred closure, which reads it
// when DeferredReads returns.
func DeferredReads() { // want DeferredReads:"init conf"
	err := paladin.Init() // the deferred closure reads it
	defer func() {
		if err != nil {
			log.Printf("conf: %v", err)
		}
	}()
	log.Printf("started")
}

// Compared compares the error with one value only: every other failure
// is lost.
func Compared() { // want Compared:"init conf"
	err := paladin.Init() // want `error of paladin.Init is only compared with flag.ErrHelp, never checked`
	if err == flag.ErrHelp {
		return
	}
}

// Switched checks the error in a switch.
func Switched() bool { // want Switched:"init conf"
	switch err := paladin.Init(); { // the case reads it
	case err != nil:
		return false
	}
	return true
}
