package driver

import "bytes"

// KeepLineEndings returns edits of src whose text ends its lines as src
// does where it goes: where the line an edit starts on ends in "\r\n",
// each "\n" of its text not already after a "\r" becomes "\r\n". Fixes
// are made with "\n", in gofmt's layout; a file written with CRLF line
// endings keeps them. An edit that starts (or ends) between the "\r" and
// the "\n" of a line end, as an insertion at the end of a line does, is
// moved before the "\r", so that the line end stays whole.
func KeepLineEndings(src []byte, edits []Edit) []Edit {
	if bytes.IndexByte(src, '\r') < 0 {
		return edits // no CRLF line ends: nothing to keep
	}
	out := make([]Edit, len(edits))
	for i, e := range edits {
		if midCRLF(src, e.Start) {
			e.Start--
		}
		if midCRLF(src, e.End) {
			e.End--
		}
		if e.End < e.Start {
			e.End = e.Start
		}
		if crlfAt(src, e.Start) {
			e.Text = toCRLF(e.Text)
		}
		out[i] = e
	}
	return out
}

// midCRLF reports whether offset off of src is between a "\r" and a "\n".
func midCRLF(src []byte, off int) bool {
	return off > 0 && off < len(src) && src[off-1] == '\r' && src[off] == '\n'
}

// crlfAt reports whether the line of src holding offset off ends in
// "\r\n"; on a last line without an end, whether the line before does.
func crlfAt(src []byte, off int) bool {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off+i > 0 && src[off+i-1] == '\r'
	}
	if i := bytes.LastIndexByte(src[:off], '\n'); i > 0 {
		return src[i-1] == '\r'
	}
	return false
}

// toCRLF returns text with every "\n" not after a "\r" made "\r\n".
func toCRLF(text []byte) []byte {
	var b bytes.Buffer
	for i, c := range text {
		if c == '\n' && (i == 0 || text[i-1] != '\r') {
			b.WriteByte('\r')
		}
		b.WriteByte(c)
	}
	return b.Bytes()
}
