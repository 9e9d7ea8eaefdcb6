package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// The waiting sign counts whole minutes, and changes no oftener than once
// a minute: each change redraws the whole window.
func TestWaitSignCountsMinutes(t *testing.T) {
	for _, c := range []struct {
		waited time.Duration
		want   string
	}{
		{0, "Waiting for you to sign in"},
		{59 * time.Second, "Waiting for you to sign in"},
		{time.Minute, "Waiting for you to sign in, 1 min so far"},
		{12*time.Minute + 30*time.Second, "Waiting for you to sign in, 12 min so far"},
	} {
		if got := waitWords(c.waited); got != c.want {
			t.Errorf("after %v: %q, want %q", c.waited, got, c.want)
		}
	}
	if d := newWaitSign(&UI{}); d.every < time.Minute {
		t.Errorf("the sign changes every %v: each change redraws the window", d.every)
	}
}

// Started, the sign says a minute more at each tick, on the UI goroutine;
// stopped, it says nothing more; started again, it counts from zero.
func TestWaitSignTicks(t *testing.T) {
	test.NewTempApp(t)
	queue := make(chan func(), 64)
	u := &UI{tick: time.Second, do: func(f func()) { queue <- f }}
	d := newWaitSign(u)
	d.every = 10 * time.Millisecond
	d.start()
	defer d.stop()
	for _, want := range []string{"Waiting for you to sign in, 1 min so far", "Waiting for you to sign in, 2 min so far"} {
		select {
		case f := <-queue:
			f()
		case <-time.After(5 * time.Second):
			t.Fatal("the sign did not change")
		}
		if got := d.label.Text; got != want {
			t.Errorf("the sign says %q, want %q", got, want)
		}
	}
	d.stop()
	for len(queue) > 0 { // posted before the stop: they must not change it
		(<-queue)()
	}
	if got := d.label.Text; got != "Waiting for you to sign in, 2 min so far" {
		t.Errorf("after stop the sign says %q", got)
	}
	d.start()
	if got := d.label.Text; got != "Waiting for you to sign in" {
		t.Errorf("started again, the sign says %q", got)
	}
}
