package ruletest

import (
	"os"

	"golang.org/x/tools/go/analysis"
)

// ServeGoMod returns a that runs with a Pass.ReadFile that also serves
// the module's go.mod, as the gopitfalls drivers' do (rules read it
// through pass.ReadFile, fixutil.Provides): analysistest's checker
// serves only the package's own files. Each call wraps a anew; use the
// result for every run that must share results and facts.
func ServeGoMod(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	w.Run = func(pass *analysis.Pass) (any, error) {
		if read := pass.ReadFile; read != nil && pass.Module != nil && pass.Module.GoMod != "" {
			gomod := pass.Module.GoMod
			pass.ReadFile = func(name string) ([]byte, error) {
				if name == gomod {
					return os.ReadFile(name)
				}
				return read(name)
			}
		}
		return a.Run(pass)
	}
	return &w
}
