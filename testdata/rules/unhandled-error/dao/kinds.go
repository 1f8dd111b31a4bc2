package dao

import "fmt"

// A Store is one storage backend.
type Store interface{ Name() string }

// A Sampler is a Store that also keeps sampling data.
type Sampler interface {
	Store
	Samples() int
}

type memory struct{}

func (memory) Name() string { return "memory" }
func (memory) Samples() int { return 0 }

type blackhole struct{}

func (blackhole) Name() string { return "blackhole" }

// storeOf fails for an unknown kind, giving a nil Store.
func storeOf(kind string) (Store, error) {
	switch kind {
	case "memory":
		return memory{}, nil
	case "blackhole":
		return blackhole{}, nil
	}
	return nil, fmt.Errorf("unknown storage kind %q", kind)
}

// SamplingKinds is reduced from jaeger's storage factory: a nil Store is
// no Sampler, which is the answer the loop wants.
func SamplingKinds(kinds []string) []string {
	var out []string
	for _, k := range kinds {
		s, _ := storeOf(k) // a nil Store fails the comma-ok assertion: no Sampler
		if _, ok := s.(Sampler); ok {
			out = append(out, k)
		}
	}
	return out
}

// Describe switches on the Store's type: nil takes the default.
func Describe(kind string) string {
	s, _ := storeOf(kind) // a type switch sends nil to the default
	switch s := s.(type) {
	case Sampler:
		return fmt.Sprint(s.Samples())
	default:
		return "none"
	}
}

// Samples asserts without ok: a nil Store panics there.
func Samples(kind string) int {
	s, _ := storeOf(kind) // want `error returned by storeOf is discarded; s may be nil when it fails`
	return s.(Sampler).Samples()
}

// NameOf checks for a Sampler, then calls a method of the nil Store.
func NameOf(kind string) string {
	s, _ := storeOf(kind) // want `error returned by storeOf is discarded; s may be nil when it fails`
	if _, ok := s.(Sampler); ok {
		return "sampler"
	}
	return s.Name()
}

// OpenStore checks the error: the package holds storeOf's failures to
// matter, so the drops above are not a belief.
func OpenStore(kind string) (Store, error) {
	s, err := storeOf(kind)
	if err != nil {
		return nil, err
	}
	return s, nil
}
