package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// waitSign says, under the waiting screen's title, that TokenDesk is
// waiting and for how long: a clock and "Waiting for you to sign in", then
// "… 1 min so far", "… 2 min so far". It changes once a minute and no
// oftener: any change to a Fyne window redraws it whole, which costs about
// 1% of a core per redraw a second under software rendering (`make bench`),
// so an animation at frame rate, or even dots stepping every 2 seconds,
// would burn CPU the whole time the person is busy in the browser. Still
// words are enough to tell a person TokenDesk waits for them; the minutes
// show it has not hung.
type waitSign struct {
	ui      *UI
	label   *widget.Label
	content fyne.CanvasObject
	every   time.Duration // the sign changes this often (a minute; shorter in tests)
	quit    chan struct{}
}

func newWaitSign(u *UI) *waitSign {
	d := &waitSign{ui: u, label: widget.NewLabel(waitWords(0)), every: time.Minute}
	d.label.Importance = widget.MediumImportance
	d.content = container.NewHBox(widget.NewIcon(theme.HistoryIcon()), d.label)
	return d
}

// waitWords is what the sign says after waiting that long.
// A count of one is its own key, as in words/plain.go: English's
// catalogue gives a plural only its "other" form.
func waitWords(waited time.Duration) string {
	switch m := int(waited / time.Minute); {
	case m == 1:
		return lang.X("waiting.sign.minute", "Waiting for you to sign in, 1 min so far")
	case m > 1:
		return lang.XN("waiting.sign.minutes", "Waiting for you to sign in, {{.Count}} min so far", m, map[string]any{"Count": m})
	}
	return lang.X("waiting.sign", "Waiting for you to sign in")
}

// start shows the sign from zero and counts the minutes; a tick of 0 (in
// tests) keeps it still.
func (d *waitSign) start() {
	d.stop()
	d.label.SetText(waitWords(0))
	if d.ui.tick <= 0 || d.every <= 0 {
		return
	}
	quit := make(chan struct{})
	d.quit = quit
	every := d.every
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for i := 1; ; i++ {
			select {
			case <-quit:
				return
			case <-t.C:
				text := waitWords(time.Duration(i) * time.Minute) // a tick is a minute, also when tests shorten it
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

func (d *waitSign) stop() {
	if d.quit != nil {
		close(d.quit)
		d.quit = nil
	}
}
