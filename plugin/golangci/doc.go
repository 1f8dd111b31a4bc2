// Package golangci is the golangci-lint (v2) module plugin of gopitfalls:
// every rule, as one linter named gopitfalls. Build a golangci-lint that
// holds it with `golangci-lint custom` and a .custom-gcl.yml naming this
// package, and enable it in .golangci.yml:
//
//	linters:
//	  enable: [gopitfalls]
//	  settings:
//	    custom:
//	      gopitfalls:
//	        type: module
//	        settings:
//	          severity: warning      # error | warning | information | hint
//	          language: en           # auto | en | zh
//	          errgroupImport: golang.org/x/sync/errgroup
//	          frameworkImportPrefixes: # replaces the defaults: list them all
//	            - github.com/go-kratos/kratos/pkg/
//	            - github.com/bilibili/kratos/pkg/
//	            - go-common/library/
//	          kratosV2ImportPrefixes: # Kratos v2/v3; replaces the defaults
//	            - github.com/go-kratos/kratos/v2/
//	            - github.com/go-kratos/kratos/v3/
//	          rules:
//	            unhandled-error: off # off | hint | information | warning | error
//
// The settings other than severity are those of .gopitfalls.yaml, read by
// the same code (internal/config), with the same meanings and messages.
//
// golangci-lint shows every diagnostic a linter reports, so the plugin
// reports what `gopitfalls check` shows by default: the findings shown
// at warning or above, each at its configured severity. The severity
// setting lowers that threshold, as check's -severity flag does: at
// information, the findings the notes call information (a commit before
// processing, a goroutine joined elsewhere) are reported too. A plugin
// cannot set the severity golangci-lint gives an issue; its severity
// section can, by the rule's Analyzer name at the start of the text (see
// the README).
//
// Each diagnostic keeps only its first suggested fix, the one check -fix
// applies: golangci-lint run --fix applies every fix of an issue, where
// go/analysis means them as alternatives. Related information is left
// out: golangci-lint would report each piece as an issue of its own,
// which counts as a finding and, on the line of another finding, hides
// that one (issues.uniq-by-line).
package golangci
