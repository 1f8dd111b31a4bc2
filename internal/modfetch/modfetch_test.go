package modfetch_test

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/internal/modfetch"
)

func TestDropSiblingReplaces(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{ // etcd server's: a block of sibling folders only
			"module m\n\nrequire (\n\ta v1\n)\n\nreplace (\n\tgo.etcd.io/etcd/api/v3 => ../api\n\tgo.etcd.io/etcd/pkg/v3 => ../pkg\n)\n\nrequire b v2\n",
			"module m\n\nrequire (\n\ta v1\n)\n\n\nrequire b v2\n",
		},
		{ // a block with other replacements too
			"replace (\n\ta => ../a\n\tb v1 => c v2\n)\n",
			"replace (\n\tb v1 => c v2\n)\n",
		},
		{ // single lines
			"replace a => ../a\nreplace b v1 => ../b\nreplace c => d v1\n",
			"replace c => d v1\n",
		},
	} {
		if got := string(modfetch.DropSiblingReplaces([]byte(tc.in))); got != tc.want {
			t.Errorf("DropSiblingReplaces(%q)\n= %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
