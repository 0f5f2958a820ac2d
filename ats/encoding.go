package ats

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Byte order marks that start text files written by Windows editors and word processors.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DecodeText returns data as a UTF-8 string: a UTF-8 byte order mark is dropped, and text
// that starts with a UTF-16 byte order mark (little- or big-endian, what Notepad and Word
// save as "Unicode") is decoded. Anything else is returned unchanged; the parsers judge
// whether it is text (see [ErrBinary]). UTF-16 with an odd number of bytes is an error
// wrapping [ErrBinary].
func DecodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return string(data[len(bomUTF8):]), nil
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(data[2:], true)
	}
	return string(data), nil
}

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", fmt.Errorf("ats: decode UTF-16: %w (odd length %d)", ErrBinary, len(data)+2)
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		a, b := uint16(data[2*i]), uint16(data[2*i+1])
		if bigEndian {
			units[i] = a<<8 | b
		} else {
			units[i] = b<<8 | a
		}
	}
	var buf bytes.Buffer
	buf.Grow(len(units))
	odd := 0
	for _, r := range utf16.Decode(units) {
		buf.WriteRune(r) // a lone surrogate is already U+FFFD
		if r == utf8.RuneError || r == 0xFEFF || unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			odd++
		}
	}
	// Binary data that happens to start with FF FE decodes into junk: refuse it as the
	// UTF-8 check refuses invalid bytes.
	if odd*10 > len(units) {
		return "", fmt.Errorf("ats: decode UTF-16: %w (%d of %d characters are not text)", ErrBinary, odd, len(units))
	}
	return buf.String(), nil
}

// decodeString is [DecodeText] for text already in a string: it copies only UTF-16.
func decodeString(text string) (string, error) {
	if len(text) >= 2 && (text[:2] == string(bomUTF16LE) || text[:2] == string(bomUTF16BE)) {
		return DecodeText([]byte(text))
	}
	return stripBOM(text), nil
}

// stripBOM drops a UTF-8 byte order mark from text.
func stripBOM(text string) string {
	if len(text) >= 3 && text[:3] == string(bomUTF8) {
		return text[3:]
	}
	return text
}

// ReadText reads a text file the way the parsers read their input: it decodes data as
// [DecodeText] does and rejects what is empty, larger than MaxBytes or binary, with errors
// wrapping [ErrEmpty], [ErrTooLarge] or [ErrBinary]. Programs that take text files other
// than resumes (a job description, a list of bullets) use it to apply the same rules.
func (p Parser) ReadText(data []byte) (string, error) {
	text, err := DecodeText(data)
	if err != nil {
		return "", err
	}
	if err := p.check("text", text); err != nil {
		return "", err
	}
	return text, nil
}
