// Command emptywindow is the yardstick for `make bench`, built with the
// same Fyne and build tags as TokenDesk and at the same size:
//
//	emptywindow              a blank window: the least any Fyne app costs
//	emptywindow -with-label  one label: the yardstick of the speed goals
//	emptywindow -with-text   a label, a button and an entry: the least any
//	                         window that shows text costs (fonts, glyphs)
package main

import (
	"flag"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/internal/heapprofile"
)

func main() {
	withText := flag.Bool("with-text", false, "show a label, a button and an entry")
	withLabel := flag.Bool("with-label", false, "show one label")
	flag.Parse()
	heapprofile.AtStart(3 * time.Second)
	a := app.NewWithID("io.github.tokendesk.emptywindow")
	w := a.NewWindow("Empty")
	if *withLabel {
		w.SetContent(widget.NewLabel("Hello"))
	}
	if *withText {
		w.SetContent(container.NewVBox(widget.NewLabel("Hello"), widget.NewButton("Button", nil), widget.NewEntry()))
	}
	w.Resize(fyne.NewSize(640, 620))
	w.ShowAndRun()
}
