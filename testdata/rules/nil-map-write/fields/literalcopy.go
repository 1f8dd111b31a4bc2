package fields

import "encoding/json"

// ModuleMap is a named map type, as caddy.ModuleMap.
type ModuleMap map[string]json.RawMessage

// FileServer is built by a literal that leaves its map nil.
type FileServer struct {
	Root             string
	PrecompressedRaw ModuleMap
}

// Precompressed makes the map behind a nil check before each write: the
// literal copied into handler leaves it nil, and the check sees that
// (caddy's fileserver command).
func Precompressed(root string, formats []string) FileServer {
	handler := FileServer{Root: root}
	for _, format := range formats {
		if handler.PrecompressedRaw == nil {
			handler.PrecompressedRaw = make(ModuleMap)
		}
		handler.PrecompressedRaw[format] = nil // made by the nil check just above
	}
	return handler
}

// Unguarded writes the map the literal left nil.
func Unguarded(root, format string) FileServer {
	handler := FileServer{Root: root}
	handler.PrecompressedRaw[format] = nil // want `assignment to entry in nil map handler.PrecompressedRaw`
	return handler
}

// Reset copies a fresh literal over the struct after making the map: the
// write after it is to a nil map again, and the nil check before the
// copy does not help.
func Reset(root, format string) FileServer {
	handler := FileServer{Root: root}
	if handler.PrecompressedRaw == nil {
		handler.PrecompressedRaw = make(ModuleMap)
	}
	handler = FileServer{Root: root}
	handler.PrecompressedRaw[format] = nil // want `assignment to entry in nil map handler.PrecompressedRaw`
	return handler
}
