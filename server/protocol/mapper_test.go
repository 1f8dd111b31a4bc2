package protocol_test

import (
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// src has ASCII, Chinese (3 bytes, 1 UTF-16 unit each), an astral
// character (4 bytes, 2 units), a CRLF line and no final newline.
const src = "package p\n" +
	"x := v.(int) // 类型断言 panic\n" +
	"s := \"😀中\" + v.(string)\r\n" +
	"end"

func TestMapperRoundTrip(t *testing.T) {
	m := protocol.NewMapper([]byte(src))
	for _, tc := range []struct {
		needle string // first occurrence; the offset of its start
		line   uint32
		char   uint32
	}{
		{"package", 0, 0},
		{"v.(int)", 1, 5},
		{"// 类型", 1, 13},
		{"panic", 1, 21}, // "// " 3 + 4 Chinese + space: 13+3+4+1
		{"😀", 2, 6},
		{"中\"", 2, 8}, // 😀 is two UTF-16 units
		{"v.(string)", 2, 13},
		{"end", 3, 0},
	} {
		off := strings.Index(src, tc.needle)
		pos, err := m.Position(off)
		if err != nil {
			t.Fatal(err)
		}
		if pos.Line != tc.line || pos.Character != tc.char {
			t.Errorf("Position(%q) = %d:%d, want %d:%d", tc.needle, pos.Line, pos.Character, tc.line, tc.char)
		}
		back, err := m.Offset(pos)
		if err != nil || back != off {
			t.Errorf("Offset(%v) = %d, %v; want %d", pos, back, err, off)
		}
	}
}

func TestMapperClamps(t *testing.T) {
	m := protocol.NewMapper([]byte(src))
	crlf := strings.Index(src, "\r\n")
	for _, tc := range []struct {
		name string
		pos  protocol.Position
		want int
	}{
		{"past the end of a line", protocol.Position{Line: 0, Character: 99}, len("package p")},
		{"before a CRLF", protocol.Position{Line: 2, Character: 99}, crlf},
		{"inside a surrogate pair", protocol.Position{Line: 2, Character: 7}, strings.Index(src, "😀")},
		{"end of file", protocol.Position{Line: 3, Character: 3}, len(src)},
	} {
		got, err := m.Offset(tc.pos)
		if err != nil || got != tc.want {
			t.Errorf("%s: Offset(%v) = %d, %v; want %d", tc.name, tc.pos, got, err, tc.want)
		}
	}
	if _, err := m.Offset(protocol.Position{Line: 4}); err == nil {
		t.Errorf("Offset past the last line succeeded")
	}
	if pos, _ := m.Position(crlf + 1); pos.Line != 2 || pos.Character != 23 {
		t.Errorf("Position of the \\n of a CRLF = %v, want the end of line 2 (2:23)", pos)
	}
}

func TestApplyChanges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      string
		changes []protocol.TextDocumentContentChangeEvent
		want    string
	}{
		{
			name: "insert after Chinese",
			in:   "a := 1 // 中文\nb\n",
			changes: []protocol.TextDocumentContentChangeEvent{
				{Range: &protocol.Range{Start: protocol.Position{Line: 0, Character: 12}, End: protocol.Position{Line: 0, Character: 12}}, Text: "注释"},
			},
			want: "a := 1 // 中文注释\nb\n",
		},
		{
			name: "replace across lines then delete after an astral character",
			in:   "x😀y\nzz\n",
			changes: []protocol.TextDocumentContentChangeEvent{
				{Range: &protocol.Range{Start: protocol.Position{Line: 0, Character: 3}, End: protocol.Position{Line: 1, Character: 1}}, Text: "Y\n"},
				{Range: &protocol.Range{Start: protocol.Position{Line: 0, Character: 1}, End: protocol.Position{Line: 0, Character: 3}}, Text: ""},
			},
			want: "xY\nz\n",
		},
		{
			name:    "full text",
			in:      "old",
			changes: []protocol.TextDocumentContentChangeEvent{{Text: "new"}},
			want:    "new",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := protocol.ApplyChanges([]byte(tc.in), tc.changes)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestURI(t *testing.T) {
	for _, path := range []string{"/tmp/a b/中文/x.go", "/x/y#z.go"} {
		uri := protocol.URIFromPath(path)
		got, err := uri.Path()
		if err != nil || got != path {
			t.Errorf("%q → %q → %q, %v", path, uri, got, err)
		}
	}
	if got, err := protocol.DocumentURI("file:///tmp/%E4%B8%AD.go").Path(); err != nil || got != "/tmp/中.go" {
		t.Errorf("escaped URI → %q, %v", got, err)
	}
	if _, err := protocol.DocumentURI("untitled:Untitled-1").Path(); err == nil {
		t.Errorf("untitled: URI gave a path")
	}
}
