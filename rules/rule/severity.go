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

// Shown returns the severity at which to show a diagnostic that rule r
// reported at level (its entry in the rule's Result) when the configuration sets the
// rule to configured: a diagnostic at the rule's own severity takes the
// configured one; a lower one keeps its level unless the configuration
// lowers the rule below it.
func (r *Rule) Shown(configured, level Severity) Severity {
	if level >= r.Severity || level == Off {
		return configured
	}
	return min(level, configured)
}
