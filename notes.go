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
)

// notes implements `gopitfalls notes [-lang en|zh] [rule]`: every rule's
// note, or one rule's, as Markdown.
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
	rules := all.Rules
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "gopitfalls notes: name at most one rule")
		return 2
	}
	if fs.NArg() == 1 {
		r := all.Lookup(fs.Arg(0))
		if r == nil {
			fmt.Fprintf(stderr, "gopitfalls notes: unknown rule %q; run 'gopitfalls notes -list' for the list\n", fs.Arg(0))
			return 2
		}
		rules = []*rule.Rule{r}
	}
	if *list {
		for _, r := range rules {
			fmt.Fprintf(stdout, "%-26s %-12s %s\n", r.ID, r.Severity, r.Note(l).Title)
		}
		return 0
	}
	for i, r := range rules {
		if i > 0 {
			fmt.Fprintln(stdout, "\n---")
		}
		fmt.Fprint(stdout, RenderNote(r, l))
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
