package features

import (
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/topics"
)

// TestKnowledgeTopicsExist checks that every topic a knowledge hover links
// to is a note of rules/topics.
func TestKnowledgeTopicsExist(t *testing.T) {
	for id, k := range knowledgeByID {
		if k.topic != "" && topics.Lookup(k.topic) == nil {
			t.Errorf("knowledge %q links to topic %q, which rules/topics does not have", id, k.topic)
		}
	}
}
