// Package file is a stub of kratos v2 config/file.
package file

import (
	"os"

	"github.com/go-kratos/kratos/v2/config"
)

type file struct{ path string }

// NewSource new a file source.
func NewSource(path string) config.Source { return &file{path: path} }

func (f *file) Load() ([]*config.KeyValue, error) {
	data, err := os.ReadFile(f.path)
	if err != nil {
		return nil, err
	}
	return []*config.KeyValue{{Key: f.path, Value: data, Format: "json"}}, nil
}

func (f *file) Watch() (config.Watcher, error) { return nil, nil }
