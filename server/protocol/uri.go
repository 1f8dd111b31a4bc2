package protocol

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
)

// URIFromPath returns the file:// URI of an absolute path.
func URIFromPath(path string) DocumentURI {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x
	}
	u := url.URL{Scheme: "file", Path: p}
	return DocumentURI(u.String())
}

// Path returns the file system path of a file:// URI.
func (u DocumentURI) Path() (string, error) {
	parsed, err := url.Parse(string(u))
	if err != nil {
		return "", fmt.Errorf("bad URI %q: %v", u, err)
	}
	if parsed.Scheme != "file" {
		return "", fmt.Errorf("URI %q is not a file: URI", u)
	}
	p := parsed.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	if p == "" {
		return "", fmt.Errorf("URI %q has no path", u)
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}
