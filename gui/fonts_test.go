package gui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// TestFirstScreenDrawsOnlyWarmedStyles: every text the window shows on a
// first start is in a style WarmFonts loads before the window is built.
// A text in another style (monospace, italic, bold italic) would load that
// style's fonts on the UI goroutine before the window shows: 50-100 ms
// and about 8 MB more at every start (README, Speed).
func TestFirstScreenDrawsOnlyWarmedStyles(t *testing.T) {
	h := newHarness(t)
	layOut(h)
	var texts int
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if text, ok := o.(*canvas.Text); ok {
			if text.Text == "" {
				return
			}
			texts++
			if !slices.Contains(firstScreenStyles, text.TextStyle) {
				t.Errorf("%q is drawn in %+v, a style WarmFonts does not load (it loads %+v)", text.Text, text.TextStyle, firstScreenStyles)
			}
			return
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(h.win.Canvas().Content())
	if texts < 10 {
		t.Fatalf("found %d texts on the first screen: the walk does not reach them", texts)
	}
}
