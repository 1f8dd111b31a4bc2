package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gopitfalls/gopitfalls/internal/config"
	"github.com/gopitfalls/gopitfalls/rules/all"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/rules/topics"
)

// notes implements `gopitfalls notes [-lang en|zh] [rule|topic]`: every
// rule's note and every topic (a note without a rule, such as why to use
// message queues), or one of them, as Markdown.
func notes(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("notes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "", "language of the notes: en or zh (default from $LANG)")
	list := fs.Bool("list", false, "list the rules with their titles only")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gopitfalls notes [-lang en|zh] [-list] [rule]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	l := *lang
	switch l {
	case "":
		l = config.LangOf(localeFromEnv())
	case "en", "zh":
	default:
		fmt.Fprintf(stderr, "gopitfalls notes: unknown -lang %q (want en or zh)\n", l)
		return 2
	}
	rules, tops := all.Rules, topics.All
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "gopitfalls notes: name at most one rule")
		return 2
	}
	if fs.NArg() == 1 {
		r, t := all.Rules.Lookup(fs.Arg(0)), topics.Lookup(fs.Arg(0))
		if r == nil && t == nil {
			fmt.Fprintf(stderr, "gopitfalls notes: unknown rule %q; run 'gopitfalls notes -list' for the list\n", fs.Arg(0))
			return 2
		}
		rules, tops = nil, nil
		if r != nil {
			rules = []*rule.Rule{r}
		} else {
			tops = []*topics.Topic{t}
		}
	}
	if *list {
		for _, r := range rules {
			fmt.Fprintf(stdout, "%-26s %-12s %s\n", r.ID, r.Severity, r.Note(l).Title)
		}
		for _, t := range tops {
			fmt.Fprintf(stdout, "%-26s %-12s %s\n", t.ID, "topic", t.TitleIn(l))
		}
		return 0
	}
	n := 0
	for _, r := range rules {
		if n++; n > 1 {
			fmt.Fprintln(stdout, "\n---")
		}
		fmt.Fprint(stdout, RenderNote(r, l))
	}
	for _, t := range tops {
		if n++; n > 1 {
			fmt.Fprintln(stdout, "\n---")
		}
		fmt.Fprintf(stdout, "<!-- %s · topic -->\n%s\n", t.ID, strings.TrimRight(t.Text(l), "\n"))
	}
	return 0
}

// RenderNote returns a rule's note as Markdown, headed by its ID and
// severity and followed by how to silence it.
func RenderNote(r *rule.Rule, lang string) string {
	n := r.Note(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s · %s · since %s -->\n", r.ID, r.Severity, r.Since)
	b.WriteString(strings.TrimRight(n.Source, "\n"))
	b.WriteString("\n")
	return b.String()
}

// localeFromEnv returns the POSIX locale in effect.
func localeFromEnv() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return ""
}
