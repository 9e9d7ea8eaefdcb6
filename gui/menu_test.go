package gui

import (
	"strings"
	"testing"
)

func TestAbout(t *testing.T) {
	h := newHarness(t)
	h.ui.showAbout()
	h.settle()
	text := h.dialogText()
	if !strings.Contains(text, "not affiliated with, endorsed by or sponsored by LinkedIn") || !strings.Contains(text, "1.0.0-test") {
		t.Errorf("About says %q", text)
	}
}
