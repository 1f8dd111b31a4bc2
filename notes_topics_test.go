package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/topics"
)

// TestNotesTopics checks that the notes without a rule are reachable from
// `gopitfalls notes`: by ID, in the full listing and in -list.
func TestNotesTopics(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"notes", "-lang", "zh", topics.AsyncQueue}, []string{"<!-- async-queue · topic -->", "逻辑解耦"}},
		{[]string{"notes", "-lang", "en", topics.Interfaces}, []string{"# Interfaces and duck typing", "return s.name"}},
		{[]string{"notes", "-lang", "en", "-list"}, []string{"async-queue", "interfaces", "paladin-init"}},
		{[]string{"notes", "-lang", "en"}, []string{"# Why asynchronous message queues", "# paladin used before paladin.Init"}},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, &stdout, &stderr); code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, stderr.String())
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%v: output lacks %q", tc.args, w)
			}
		}
	}
}
