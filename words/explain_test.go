package words_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

func TestExplain(t *testing.T) {
	flowErr := &oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonGettingToken, Err: errors.New("deadline")}
	storeErr := &store.Error{Reason: store.ReasonDiskFull, Err: errors.New("ENOSPC")}
	const (
		timeoutMessage = "LinkedIn took too long to answer while getting your token."
		timeoutHint    = "Check your internet connection, then try again."
		diskFull       = "TokenDesk could not save: the disk is full."
		notSaved       = "Free some space or fix the folder's permissions, then try again. What was saved before is unchanged."
	)
	tests := []struct {
		name                  string
		err                   error
		message, hint, detail string
	}{
		{"flow error", flowErr, timeoutMessage, timeoutHint, "deadline"},
		{"store error", storeErr, diskFull, notSaved, "ENOSPC"},
		{"wrapped flow error", fmt.Errorf("connect: %w", flowErr), timeoutMessage, timeoutHint, "deadline"},
		{"wrapped store error", fmt.Errorf("save: %w", storeErr), diskFull, notSaved, "ENOSPC"},
		{"a store error around a flow error", &store.Error{Reason: store.ReasonBusy, Err: flowErr},
			"TokenDesk's saved settings are busy: another TokenDesk is saving them.", "Wait a moment and try again. If it goes on, close other TokenDesk windows.", "timeout (getting_token): deadline"},
		{"a flow error around a store error", &oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonGettingToken, Err: storeErr},
			timeoutMessage, timeoutHint, "store: disk_full: ENOSPC"},
		{"a store error of a reason no words know", &store.Error{Reason: "new", Err: errors.New("x")},
			"TokenDesk could not save.", notSaved, "x"},
		{"a flow error of a reason no words know", &oauthflow.Error{Kind: oauthflow.KindNetwork, Reason: "new", Err: errors.New("x")},
			"Something went wrong while connecting.", "Try again.", "x"},
		{"an error that says nothing", errors.New("boom"), "Something went wrong.", "Please try again.", "boom"},
		{"nil", nil, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, h, d := words.Explain(tt.err)
			if m != tt.message || h != tt.hint || d != tt.detail {
				t.Errorf("Explain = %q, %q, %q; want %q, %q, %q", m, h, d, tt.message, tt.hint, tt.detail)
			}
		})
	}
}

// The words name the values the facts carry.
func TestExplainNamesTheFacts(t *testing.T) {
	scope := func(reason oauthflow.Reason) error {
		return linkedin.NameTheProduct(&oauthflow.Error{Kind: oauthflow.KindUnauthorizedScope, Reason: reason, Scope: "r_ads_reporting"})
	}
	tests := []struct {
		err           error
		message, hint string
	}{
		{linkedin.ValidAPIVersion("2026-9", time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)),
			"The LinkedIn API version must be six digits: the year, then the month.", "Write the version as YYYYMM, such as 202609."},
		{linkedin.ValidAPIVersion("202613", time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)),
			"202613 has no month 13: the last two digits are the month, 01 to 12.", "Write the version as YYYYMM, such as 202609."},
		{&oauthflow.Error{Kind: oauthflow.KindUnauthorizedScope, Reason: oauthflow.ReasonScopeRefused, Scope: "w_member_social"},
			`Your LinkedIn app is not allowed to ask for the permission "w_member_social".`, ""},
		{scope(oauthflow.ReasonScopeRefused), `Your LinkedIn app is not allowed to ask for the permission "r_ads_reporting".`,
			`The permission "r_ads_reporting" comes with "Advertising API". In the LinkedIn Developer Portal, open your app's Products tab and add it (Advertising API needs LinkedIn's approval: request it at `},
		{&oauthflow.Error{Kind: oauthflow.KindPortBusy, Reason: oauthflow.ReasonPortBusy, Port: 8765, Address: "http://localhost:8766/callback"},
			"Port 8765 on this computer is already in use by another program.",
			"Close the other program (or another TokenDesk window) and try again. Or use another port: change the redirect URL to http://localhost:8766/callback here and in your LinkedIn app."},
		{&oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonNoBrowserReply, Wait: 5 * time.Minute},
			"No answer came back from the browser in 5 minutes.", ""},
		{&oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonNoBrowserReply, Wait: time.Minute},
			"No answer came back from the browser in 1 minute.", ""},
		{(oauthflow.Settings{ClientID: "x", ClientSecret: "y", RedirectURL: "https://localhost:9000", Scopes: []string{"openid"}}).Validate(),
			"TokenDesk cannot receive https:// addresses on this computer.", "Use http://localhost:9000/callback instead, and add that exact address to your LinkedIn app."},
	}
	for _, tt := range tests {
		m, h, _ := words.Explain(tt.err)
		if m != tt.message || len(h) < len(tt.hint) || h[:len(tt.hint)] != tt.hint {
			t.Errorf("Explain(%v) = %q / %q; want %q / %q…", tt.err, m, h, tt.message, tt.hint)
		}
	}
}

func TestBrowserPage(t *testing.T) {
	if p := words.BrowserPage(nil); p.Title != "You're connected" {
		t.Errorf("connected: %+v", p)
	}
	p := words.BrowserPage(&oauthflow.Error{Kind: oauthflow.KindCancelledLogin, Reason: oauthflow.ReasonLoginCancelled})
	if p.Title != "TokenDesk could not connect" || p.Message != "You cancelled the sign-in." || p.Hint == "" {
		t.Errorf("failed: %+v", p)
	}
}
