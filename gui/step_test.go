package gui

import (
	"testing"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// The window says the step of each fact in its own words, naming the
// button that does it where the error is shown; the fact's words are the
// terminal's.
func TestStepNamesTheButtonHere(t *testing.T) {
	rejected := &oauthflow.Error{Kind: oauthflow.KindTokenRejected, Reason: linkedin.ReasonInspectUnknown}
	inDialog := func(err error) string { _, hint, _ := explainHere(err, ""); return hint }
	for _, tt := range []struct{ got, want string }{
		{hintHere(rejected, "Check"), "LinkedIn does not recognise this token for this Client ID. Check the Client ID: the token may have been made for another app, or revoked. " + connectAgain()},
		{hintHere(&oauthflow.Error{Kind: oauthflow.KindLinkedInDown, Reason: linkedin.ReasonInspectUnavailable}, "Check"),
			"LinkedIn could not check the token just now. Your token is not affected. Press Check again later."},
		{hintHere(&oauthflow.Error{Kind: oauthflow.KindNetwork, Reason: linkedin.ReasonCheckingWho}, ""),
			"TokenDesk could not reach LinkedIn while checking who is connected. Check your internet connection (and any proxy or firewall). Try again."},
		{inDialog(&oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonNoBrowserReply}),
			"If the browser showed \"This site can't be reached\", that page's address is what TokenDesk needs. Press Connect, then \"Paste the address instead\", and paste the address your browser shows."},
		{inDialog(&store.Error{Reason: store.ReasonNameTaken, Name: "Acme"}), "Choose another name."},
	} {
		if tt.got != tt.want {
			t.Errorf("got\n%s\nwant\n%s", tt.got, tt.want)
		}
	}
}
