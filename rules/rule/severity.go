package rule

import (
	"fmt"
	"strings"
)

// A Severity is how loudly a finding is shown. The zero value is Off.
type Severity int

// The severities, from silent to loudest. Rules never default to Error;
// users may raise a rule to it in the configuration.
const (
	Off Severity = iota
	Hint
	Information
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Hint: "hint", Information: "information", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s < Off || s > Error {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses one of off, hint, information, warning, error.
// "info" is accepted for information.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "false":
		return Off, nil
	case "hint":
		return Hint, nil
	case "information", "info":
		return Information, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, hint, information, warning or error)", s)
}

// Demoted reports the severity a rule reports a diagnostic at when it marks
// it as less severe than the rule's own (see [Demote]). The second result is
// false for diagnostics reported at the rule's severity.
func Demoted(category string) (Severity, bool) {
	switch category {
	case "hint":
		return Hint, true
	case "information":
		return Information, true
	}
	return Off, false
}

// Effective returns the severity at which to show a diagnostic with the
// given category from a rule whose configured severity is configured.
// A demoted diagnostic keeps its lower severity unless the configuration
// lowers the rule below it.
func Effective(configured Severity, category string) Severity {
	if d, ok := Demoted(category); ok && d < configured {
		return d
	}
	return configured
}
