// Package service calls the dao from another package: the rule knows
// from facts which of the dao's methods dereference their receiver, but
// not what the dao returns when it fails, so results "may be nil".
package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net/http"
	"os"

	"example.com/ubec/dao"
	"example.com/ubec/pb"

	"github.com/go-kratos/kratos/pkg/log"
)

// Service is the account service.
type Service struct {
	dao     *dao.Dao
	account pb.AccountClient
	names   map[int64]string
	verbose bool
}

// --- positives ---

// Greeting logs a field before the check (the notes' example).
func (s *Service) Greeting(ctx context.Context, mid int64) (string, error) { // want Greeting:"derefs its receiver"
	res, err := s.dao.User(ctx, mid)
	log.Info("load user %d: %s", mid, res.Name) // want `res used before err is checked; res may be nil when s.dao.User fails`
	if err != nil {
		return "", err
	}
	return "hello " + res.Name, nil
}

// Fetch defers the close of a body that is nil when Get fails.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	defer resp.Body.Close() // want `resp used before err is checked; resp may be nil when http.Get fails`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// Level logs in a nested block before the check.
func (s *Service) Level(ctx context.Context, mid int64) (int32, error) { // want Level:"derefs its receiver"
	reply, err := s.account.Info(ctx, mid)
	if s.verbose {
		// Only in verbose mode.
		fmt.Println("level", reply.Level) // want `reply used before err is checked; reply may be nil when s.account.Info fails`
	}
	if err != nil {
		return 0, err
	}
	return reply.GetLevel(), nil
}

// Reader calls a method of a nil interface.
func Reader(open func() (io.ReadCloser, error)) error {
	rc, err := open()
	defer rc.Close() // want `rc used before err is checked; rc may be nil when open fails`
	if err != nil {
		return err
	}
	return nil
}

// Condition reads a field in the condition, before err.
func (s *Service) Condition(ctx context.Context, mid int64) error { // want Condition:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if u.ID == 0 || err != nil { // want `u used before err is checked`
		return errors.New("no user")
	}
	return nil
}

// Kind switches on a field before the check.
func (s *Service) Kind(ctx context.Context, mid int64) string { // want Kind:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	switch u.Name { // want `u used before err is checked`
	case "":
		return "anonymous"
	}
	if err != nil {
		return ""
	}
	return "named"
}

// Cleanup defers a func that runs on the error return too.
func (s *Service) Cleanup(ctx context.Context, mid int64) error { // want Cleanup:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	defer func() {
		s.names[u.ID] = u.Name // want `u used in a func deferred before err is checked, which also runs when s.dao.User fails; u may be nil when s.dao.User fails`
	}()
	if err != nil {
		return err
	}
	return nil
}

// Async starts a goroutine before the check.
func (s *Service) Async(ctx context.Context, mid int64) error { // want Async:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	go func() {
		fmt.Println(u.Name) // want `u used in a goroutine started before err is checked`
	}()
	if err != nil {
		return err
	}
	return nil
}

// Immediate calls a func literal on the spot.
func (s *Service) Immediate(ctx context.Context, mid int64) error { // want Immediate:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	name := func() string {
		return u.Name // want `u used before err is checked`
	}()
	if err != nil {
		return err
	}
	fmt.Println(name)
	return nil
}

// Handler is a closure: its own body is checked.
func (s *Service) Handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, err := s.dao.User(r.Context(), 1)
		fmt.Fprintln(w, u.Name) // want `u used before err is checked`
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
	}
}

// LogOnly checks err but the branch falls through.
func (s *Service) LogOnly(ctx context.Context, mid int64) string { // want LogOnly:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		log.Error("load user %d: %v", mid, err)
	}
	return u.Name // want `u used after an err check that does not leave the block; u may be nil when s.dao.User fails`
}

// Config relies on kratos log.Fatal, which does not exit.
func (s *Service) Config(ctx context.Context) { // want Config:"derefs its receiver"
	ids, err := s.dao.IDs(ctx)
	if err != nil {
		log.Fatal("load ids: %v", err)
	}
	s.names[ids[0]] = "root" // want `ids used after an err check whose log.Fatal does not exit \(kratos log.Fatal only logs\); ids may be nil when s.dao.IDs fails`
}

// Overwritten loses the first err.
func (s *Service) Overwritten(ctx context.Context, mid int64) (string, error) { // want Overwritten:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	ids, err := s.dao.IDs(ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprint(u.Name, len(ids)), nil // want `u used but err from s.dao.User is overwritten before it is checked`
}

// Loop uses the result in a loop whose check does not continue.
func (s *Service) Loop(ctx context.Context, mids []int64) int64 {
	var total int64
	for _, mid := range mids {
		u, err := s.dao.User(ctx, mid)
		if err != nil {
			log.Warn("user %d: %v", mid, err)
		}
		total += u.ID // want `u used after an err check that does not leave the block`
	}
	return total
}

// --- negatives a naive checker would flag ---

// AfterCheck uses the result after a check that returns.
func (s *Service) AfterCheck(ctx context.Context, mid int64) (string, error) { // want AfterCheck:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		return "", err
	}
	return u.Name, nil // after the check
}

// PassOn hands the result on and prints it: nothing dereferences it here.
func (s *Service) PassOn(ctx context.Context, mid int64) (string, error) { // want PassOn:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	fmt.Printf("%v\n", u) // printing a nil pointer prints <nil>
	s.remember(u)         // passed on: remember decides
	if u == nil {         // compared with nil
		return "", err
	}
	return u.Name, nil // guarded by u == nil above
}

func (s *Service) remember(u *dao.User) {}

// PointerMethods calls nil-safe pointer-receiver methods declared in
// another package (GetName): they export no fact.
func (s *Service) PointerMethods(ctx context.Context, mid int64) (string, error) { // want PointerMethods:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	name := u.GetName() // nil-safe getter of another package
	reply, err2 := s.account.Info(ctx, mid)
	lvl := reply.GetLevel() // generated protobuf getter: nil-safe
	if err != nil {
		return "", err
	}
	if err2 != nil {
		return "", err2
	}
	return fmt.Sprint(name, lvl), nil
}

// Guarded reads the field only when err is nil.
func (s *Service) Guarded(ctx context.Context, mid int64) bool { // want Guarded:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	return err == nil && u.ID > 0 // && evaluates u.ID only when err == nil
}

// EitherNil leaves when err is set or u is nil.
func (s *Service) EitherNil(ctx context.Context, mid int64) string { // want EitherNil:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil || u == nil {
		return ""
	}
	return u.Name // after the check
}

// Exits checks err with calls that do not return.
func (s *Service) Exits(ctx context.Context, mid int64) string { // want Exits:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		stdlog.Fatalf("user: %v", err) // the standard log.Fatalf exits
	}
	v, err := s.dao.User(ctx, mid+1)
	if err != nil {
		os.Exit(1)
	}
	w, err := s.dao.User(ctx, mid+2)
	if err != nil {
		panic(err)
	}
	x, err := s.dao.User(ctx, mid+3)
	if err != nil {
		die(err) // die never returns
	}
	return u.Name + v.Name + w.Name + x.Name // all after checks that leave
}

func die(err error) {
	stdlog.Printf("fatal: %v", err)
	os.Exit(2)
}

// Must checks err through a helper.
func (s *Service) Must(ctx context.Context, mid int64) string { // want Must:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	must(err) // reads err: it may panic on it
	return u.Name
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// Switches checks err in a switch and with errors.Is.
func (s *Service) Switches(ctx context.Context, mid int64) string { // want Switches:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	switch {
	case errors.Is(err, dao.ErrNotFound):
		return "missing"
	case err != nil:
		return ""
	}
	return u.Name // after the switch on err
}

// Reassigned replaces the result before using it.
func (s *Service) Reassigned(ctx context.Context, mid int64) string { // want Reassigned:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		u = &dao.User{Name: "guest"}
	}
	return u.Name // u was replaced on the err path
}

// Wrapped wraps err and checks the wrapped value.
func (s *Service) Wrapped(ctx context.Context, mid int64) (string, error) { // want Wrapped:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	err = fmt.Errorf("user %d: %w", mid, err)
	if errors.Unwrap(err) != nil {
		return "", err
	}
	return u.Name, nil // err (f's, wrapped) was checked
}

// Later defines a closure before the check and calls it after.
func (s *Service) Later(ctx context.Context, mid int64) (string, error) { // want Later:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	name := func() string { return u.Name } // runs when called, after the check
	if err != nil {
		return "", err
	}
	return name(), nil
}

// DeferChecks defers a func that checks err itself.
func (s *Service) DeferChecks(ctx context.Context, mid int64) error { // want DeferChecks:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	defer func() {
		if err == nil {
			s.names[u.ID] = u.Name // the deferred func checks err first
		}
	}()
	return err
}

// CheckedByFlag keeps the result of the check in a variable.
func (s *Service) CheckedByFlag(ctx context.Context, mid int64) string { // want CheckedByFlag:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	ok := err == nil
	if !ok {
		return ""
	}
	return u.Name // ok holds the check of err
}

// Validated hands the result to the call whose error is checked.
func (s *Service) Validated(ctx context.Context, mid int64) (string, error) { // want Validated:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	_, err = validate(u)
	if err != nil {
		return "", err
	}
	return u.Name, nil // validate saw u and decided err
}

func validate(u *dao.User) (bool, error) {
	if u == nil {
		return false, errors.New("nil user")
	}
	return true, nil
}

// SendsOn sends the pointer on a channel: nothing dereferences it here.
func (s *Service) SendsOn(ctx context.Context, mid int64, ch chan<- *dao.User) error { // want SendsOn:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	ch <- u // passed on
	return err
}

// Retry retries while err is set.
func (s *Service) Retry(ctx context.Context, mid int64) string { // want Retry:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	for i := 0; i < 3 && err != nil; i++ {
		u, err = s.dao.User(ctx, mid)
	}
	if u == nil {
		return ""
	}
	return u.Name // the loop condition checks err, and u is checked
}

// NilGuard uses u inside its own nil check.
func (s *Service) NilGuard(ctx context.Context, mid int64) error { // want NilGuard:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if u != nil {
		fmt.Println(u.Name) // inside u != nil
	}
	return err
}

// LoopContinue skips failed items.
func (s *Service) LoopContinue(ctx context.Context, mids []int64) (n int) {
	for _, mid := range mids {
		u, err := s.dao.User(ctx, mid)
		if err != nil {
			log.Error("user %d: %v", mid, err)
			continue
		}
		n += len(u.Name) // after a check that continues
	}
	return n
}

// Labeled leaves with goto.
func (s *Service) Labeled(ctx context.Context, mid int64) string { // want Labeled:"derefs its receiver"
	u, err := s.dao.User(ctx, mid)
	if err != nil {
		goto fail
	}
	return u.Name // after a check that jumps away
fail:
	return ""
}
