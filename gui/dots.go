package gui

import (
	"time"

	"fyne.io/fyne/v2/widget"
)

// dots is a quiet "working" sign. It changes every tick (2 s): Fyne redraws
// the whole window on any change, which costs about 1% of a core per redraw
// a second under software rendering (measured by `make bench`), so an
// animation at frame rate, or even a fast ticker, would burn CPU while the
// person is busy in the browser.
type dots struct {
	ui    *UI
	label *widget.Label
	quit  chan struct{}
}

func newDots(u *UI) *dots { return &dots{ui: u, label: widget.NewLabel("")} }

func (d *dots) start() {
	d.stop()
	d.label.SetText("•")
	if d.ui.tick <= 0 {
		return
	}
	quit := make(chan struct{})
	d.quit = quit
	go func() {
		t := time.NewTicker(d.ui.tick)
		defer t.Stop()
		for i := 1; ; i++ {
			select {
			case <-quit:
				return
			case <-t.C:
				text := [...]string{"•", "• •", "• • •"}[i%3]
				d.ui.do(func() {
					select {
					case <-quit:
					default:
						d.label.SetText(text)
					}
				})
			}
		}
	}()
}

func (d *dots) stop() {
	if d.quit != nil {
		close(d.quit)
		d.quit = nil
	}
}
