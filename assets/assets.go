// Package assets holds the files TokenDesk ships inside its binary: the pages
// the browser lands on at the end of a sign-in, and the app icon.
//
// It imports nothing from Fyne so that the flow engine can use the pages too.
package assets

import (
	_ "embed"
	"html/template"
)

//go:embed callback.html
var callbackHTML string

// Icon is TokenDesk's own icon, 512x512 PNG (a key on a blue tile; see
// make-icon.sh). It is not LinkedIn's logo, and must never become one.
//
//go:embed icon.png
var Icon []byte

// WindowIcon is the same icon at 128x128, for the window and the app while
// it runs: a window's icon is never shown larger, and the 512x512 one costs
// a megabyte each time it is decoded (make-icon.sh makes both).
//
//go:embed window-icon.png
var WindowIcon []byte

// CallbackPage is the page the browser shows when LinkedIn sends it back to
// TokenDesk. It is self-contained (no scripts, fonts or images from
// elsewhere) because it is served from the user's own computer while the
// user may be offline, and because the address holds the sign-in code.
var CallbackPage = template.Must(template.New("callback").Parse(callbackHTML))

// CallbackData fills CallbackPage. Every field is plain text: html/template
// escapes it.
type CallbackData struct {
	OK      bool   // true for "You're connected", false for a problem
	Title   string // one short sentence
	Message string // what happened, in plain words
	Hint    string // what to do next
	Footer  string // a last line, small: TokenDesk's disclaimer
	Lang    string // the language of the words, as <html lang> wants it: "de", "pt-BR"
}
