package gui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// firstScreenStyles are the text styles the window's first screen draws:
// the form's labels, fields and links in the regular style, its title and
// its buttons (Fyne draws a button's text bold) in bold.
var firstScreenStyles = []fyne.TextStyle{{}, {Bold: true}}

// warming is done when the fonts WarmFonts loads are loaded.
var warming sync.WaitGroup

// WarmFonts loads the fonts of the styles the first screen draws, each style
// on its own goroutine, while the app makes its window. Fyne loads a style's
// fonts the first time a text in it is measured (the theme's font, its
// bundled emoji font and a system font for the language: 50-100 ms of a
// core and about 8 MB each): building the form on the UI goroutine did the
// regular style and then the bold one, one after the other, before the
// window could show. Loaded here, the two take as long as the longer of
// them on a machine with two cores. Call it once the app exists (its driver
// measures text); Create waits for it before it builds anything, so the UI
// goroutine never loads a style a second time beside it.
func WarmFonts() {
	size := theme.TextSize()
	for _, style := range firstScreenStyles {
		warming.Add(1)
		go func() {
			defer warming.Done()
			fyne.MeasureText("x", size, style)
		}()
	}
}
