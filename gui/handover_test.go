package gui

import (
	"testing"

	"github.com/tokendesk/tokendesk/linkedin"
)

func TestHandovers(t *testing.T) {
	want := []string{
		"Authorization: Bearer AQVtok",
		"Authorization: Bearer AQVtok\nX-Restli-Protocol-Version: 2.0.0",
		"curl -H 'Authorization: Bearer AQVtok' 'https://api.linkedin.com/v2/userinfo'",
	}
	for i, h := range handovers {
		if got := h.format("AQVtok", linkedin.Endpoints{}); got != want[i] {
			t.Errorf("%s = %q, want %q", h.label, got, want[i])
		}
	}
}
