package topics_test

import (
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/rules/topics"
)

func TestTopics(t *testing.T) {
	var ids []string
	for _, tp := range topics.All {
		ids = append(ids, tp.ID)
	}
	if want := []string{topics.AsyncQueue, topics.Interfaces}; !slices.Equal(ids, want) {
		t.Fatalf("topics = %v, want %v (sorted by ID)", ids, want)
	}
	for _, tp := range topics.All {
		if topics.Lookup(tp.ID) != tp {
			t.Errorf("Lookup(%q) does not return the topic", tp.ID)
		}
		for _, lang := range rule.Languages {
			md, title := tp.Markdown[lang], tp.Title[lang]
			if md == "" || title == "" {
				t.Errorf("%s: no %s note", tp.ID, lang)
				continue
			}
			if tp.Text(lang) != md || tp.TitleIn(lang) != title {
				t.Errorf("%s: Text/TitleIn(%q) do not return the %s note", tp.ID, lang, lang)
			}
			for i, code := range goBlocks(md) {
				if err := parses(code); err != nil {
					t.Errorf("%s.%s.md: Go block %d does not parse: %v\n%s", tp.ID, lang, i+1, err, code)
				}
			}
			if lang == "zh" && !containsHan(md) {
				t.Errorf("%s.zh.md is not written in Chinese", tp.ID)
			}
		}
		if tp.Text("fr") != tp.Markdown["en"] {
			t.Errorf("%s: Text falls back to English", tp.ID)
		}
	}
	if topics.Lookup("nope") != nil {
		t.Error("Lookup of an unknown ID is not nil")
	}
}

// TestSourcePoints checks that the topics keep what the team notes say.
func TestSourcePoints(t *testing.T) {
	for id, points := range map[string][]string{
		topics.AsyncQueue: {"逻辑解耦", "降低并发", "异步处理，快速响应给用户", "实时性不高，且比较耗时的任务"},
		topics.Interfaces: {"高拓展性，多态", "interface类型可以定义一组方法，但是不需要实现", "return s.name", "Student{\"xxx\"}"},
	} {
		md := topics.Lookup(id).Markdown["zh"]
		for _, p := range points {
			if !strings.Contains(md, p) {
				t.Errorf("%s.zh.md does not keep %q", id, p)
			}
		}
	}
	for _, lang := range rule.Languages {
		md := topics.Lookup(topics.AsyncQueue).Markdown[lang]
		for _, lib := range []string{"kafka-go", "sarama", "kratos-transport", "GroupID", "NewConsumerGroup", "WithQueueName"} {
			if !strings.Contains(md, lib) {
				t.Errorf("async-queue.%s.md does not cover consumer groups in %s", lang, lib)
			}
		}
	}
	if en := topics.Lookup(topics.Interfaces).Markdown["en"]; strings.Contains(en, "return p.name") {
		t.Error("interfaces.en.md keeps the notes' bug return p.name")
	}
}

func TestParse(t *testing.T) {
	for _, bad := range []string{"", "no title\n\ntext", "# T\n", "# T\n\n```go\nx\n", "# T\n\ntext\n# Again", "# T\n\ntext\n### deep"} {
		if _, err := topics.Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
	if title, err := topics.Parse("# Title\n\nText.\n\n## Section\n\nMore.\n"); err != nil || title != "Title" {
		t.Errorf("Parse = %q, %v", title, err)
	}
}

// goBlocks returns the contents of the ```go blocks of md.
func goBlocks(md string) []string {
	var blocks []string
	var cur []string
	in := false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case !in && line == "```go":
			in, cur = true, nil
		case in && line == "```":
			in = false
			blocks = append(blocks, strings.Join(cur, "\n"))
		case in:
			cur = append(cur, line)
		}
	}
	return blocks
}

// parses reports whether code parses as a Go file, or as declarations of one.
func parses(code string) error {
	if !strings.HasPrefix(code, "package ") {
		code = "package p\n\n" + code
	}
	_, err := parser.ParseFile(token.NewFileSet(), "block.go", code, parser.AllErrors)
	return err
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestSummaryAndURL(t *testing.T) {
	for _, tp := range topics.All {
		for _, lang := range []string{"en", "zh"} {
			s := tp.Summary(lang)
			if s == "" || strings.HasPrefix(s, "#") {
				t.Errorf("%s %s: summary %q", tp.ID, lang, s)
			}
			if !strings.HasSuffix(tp.URL(lang), "/rules/topics/"+tp.ID+"."+lang+".md") {
				t.Errorf("%s %s: URL %q", tp.ID, lang, tp.URL(lang))
			}
		}
	}
}
