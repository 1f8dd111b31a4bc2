package all_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var (
	mutants    = flag.Int("mutants", 0, "TestMutants: how many mutants of each seed file to check (0: skip the test)")
	mutantSeed = flag.Int64("mutants.seed", 1, "TestMutants: the seed of the random mutations")
	mutantsOut = flag.String("mutants.out", filepath.Join(os.TempDir(), "gopitfalls-mutants"), "TestMutants: where failing inputs are written, in the fuzz corpus format")
)

// TestMutants checks what FuzzRules checks on mutants of the seed files
// made the way an editor breaks code, rather than the fuzzer's byte
// mutations: cut short, a span deleted or repeated, a token typed in the
// middle, a call left open. It is a harness for long local runs:
//
//	go test ./rules/all -run TestMutants -mutants 40 -mutants.seed 7
//
// Each failing input is written to -mutants.out as a file FuzzRules
// takes as a seed (copy it to testdata/fuzz/FuzzRules once the bug is
// fixed).
func TestMutants(t *testing.T) {
	if *mutants == 0 {
		t.Skip("no -mutants")
	}
	fx := loadFixtures(t)
	rng := rand.New(rand.NewSource(*mutantSeed))
	for _, sf := range fx.files {
		src, err := os.ReadFile(sf.path)
		if err != nil {
			t.Fatal(err)
		}
		for i := range *mutants {
			mut := mutate(rng, src)
			t.Run(fmt.Sprintf("%s#%d", sf.name, i), func(t *testing.T) {
				checkRules(t, sf, mut)
				if t.Failed() {
					entry := "go test fuzz v1\nstring(" + strconv.Quote(sf.name) + ")\n[]byte(" + strconv.Quote(string(mut)) + ")\n"
					path := filepath.Join(*mutantsOut, fmt.Sprintf("%x", sha256.Sum256([]byte(entry)))[:16])
					if err := os.MkdirAll(*mutantsOut, 0o755); err == nil {
						os.WriteFile(path, []byte(entry), 0o644)
					}
					t.Logf("input written to %s", path)
				}
			})
		}
	}
}

// tokens are what mutate types into code.
var tokens = []string{"(", ")", "{", "}", ",", ":=", "return ", "nil", "err", ".", "\"", "//", "\n", "[", "]",
	"go ", "defer ", "*", "&", "<-", "func() {", "if ", "for ", ";", "_", "x.(", "len(", "var "}

// mutate returns src broken in one of the ways TestMutants says.
func mutate(rng *rand.Rand, src []byte) []byte {
	cut := rng.Intn(len(src))
	cat := func(parts ...[]byte) []byte {
		var out []byte
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	switch rng.Intn(7) {
	case 0: // cut short
		return cat(src[:cut])
	case 1: // a span deleted
		return cat(src[:cut], src[min(len(src), cut+1+rng.Intn(40)):])
	case 2: // cut mid-line, resumed at the end of a later line
		end := min(len(src), cut+rng.Intn(200))
		for end < len(src) && src[end] != '\n' {
			end++
		}
		return cat(src[:cut], src[end:])
	case 3: // a span repeated
		end := min(len(src), cut+1+rng.Intn(80))
		return cat(src[:end], src[cut:end], src[end:])
	case 4, 5: // a token typed
		return cat(src[:cut], []byte(tokens[rng.Intn(len(tokens))]), src[cut:])
	}
	// A call left open: cut after a '(' and resume a line or two later.
	i := cut
	for i < len(src) && src[i] != '(' {
		i++
	}
	if i == len(src) {
		return cat(src[:cut])
	}
	j := i + 1
	for k := rng.Intn(3); j < len(src) && k >= 0; j++ {
		if src[j] == '\n' {
			k--
		}
	}
	return cat(src[:i+1], src[j:])
}
