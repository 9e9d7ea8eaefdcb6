package gui

import (
	"fyne.io/fyne/v2/test"
	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"net"
	"strconv"
	"strings"
	"testing"
)

func TestErrorsShowMessageAndHint(t *testing.T) {
	tests := []struct {
		name  string
		opt   harnessOption
		setup func(h *harness)
		want  *oauthflow.Error
	}{
		{name: "cancelled sign-in", setup: func(h *harness) { h.fake.SetDecision(fakelinkedin.CancelLogin) }, want: oauthflow.ErrCancelledLogin},
		{name: "cancelled consent", setup: func(h *harness) { h.fake.SetDecision(fakelinkedin.CancelAuthorize) }, want: oauthflow.ErrCancelledAuthorize},
		{name: "product missing", opt: func(_ *harness, a *fakelinkedin.App) { a.Scopes = []string{"openid", "profile", "email"} },
			setup: func(h *harness) { h.ui.setup.products.check("share").SetChecked(true) }, want: oauthflow.ErrUnauthorizedScope},
		{name: "wrong secret", setup: func(h *harness) { h.ui.setup.secret.SetText("wrong-secret") }, want: oauthflow.ErrBadClient},
		{name: "LinkedIn down", setup: func(h *harness) { h.fake.FailTokenEndpoint(503, "text/html", "down") }, want: oauthflow.ErrLinkedInDown},
		{name: "code rejected", setup: func(h *harness) {
			h.fake.FailTokenEndpoint(401, "application/json", `{"error":"invalid_request","error_description":"Unable to retrieve access token: authorization code not found"}`)
		}, want: oauthflow.ErrCodeRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []harnessOption
			if tt.opt != nil {
				opts = append(opts, tt.opt)
			}
			h := newHarness(t, opts...)
			h.fillForm(h.redirect)
			tt.setup(h)
			test.Tap(h.ui.setup.connect)
			h.settle()
			h.assertWaiting()
			<-h.signIn()
			h.settle()
			assertBanner(t, h, tt.want)
		})
	}
	t.Run("port busy", func(t *testing.T) {
		h := newHarness(t)
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(h.port))
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		h.fillForm(h.redirect)
		test.Tap(h.ui.setup.connect)
		h.settle()
		assertBanner(t, h, oauthflow.ErrPortBusy)
		if !strings.Contains(h.ui.setup.banner.message.Text, strconv.Itoa(h.port)) {
			t.Errorf("message %q does not name the port", h.ui.setup.banner.message.Text)
		}
	})
}

func assertBanner(t *testing.T, h *harness, want *oauthflow.Error) {
	t.Helper()
	s := h.ui.setup
	if h.showing() != s.content || !s.banner.content.Visible() {
		t.Fatal("the error is not shown on the form")
	}
	e := sampleMessage(want.Kind)
	if s.banner.message.Text == "" || s.banner.hint.Text == "" {
		t.Errorf("banner lacks words: %q / %q", s.banner.message.Text, s.banner.hint.Text)
	}
	if e != "" && s.banner.message.Text != e {
		t.Errorf("banner says %q, want %q", s.banner.message.Text, e)
	}
	if s.clientID.Text != testClientID {
		t.Error("the form lost the client ID")
	}
	if s.connect.Disabled() && s.validate() == nil {
		t.Error("Connect is disabled after an error")
	}
}

func sampleMessage(k oauthflow.Kind) string {
	switch k {
	case oauthflow.KindCancelledLogin:
		return "You cancelled the sign-in."
	case oauthflow.KindCancelledAuthorize:
		return "You chose not to allow access on LinkedIn's page."
	case oauthflow.KindBadClient:
		return "LinkedIn did not accept your Client ID or Client secret."
	case oauthflow.KindCodeRejected:
		return "LinkedIn did not accept the sign-in code."
	}
	return ""
}

// A permission the LinkedIn app may not ask for is explained by the
// product that grants it, and where LinkedIn takes the request for it.
func TestRefusedPermissionNamesTheProduct(t *testing.T) {
	h := newHarness(t, func(_ *harness, a *fakelinkedin.App) { a.Scopes = []string{"openid", "profile", "email"} })
	h.fillForm(h.redirect)
	h.ui.setup.products.check("advertising").SetChecked(true)
	test.Tap(h.ui.setup.connect)
	h.settle()
	h.assertWaiting()
	<-h.signIn()
	h.settle()
	h.assertError()
	hint := h.ui.setup.banner.hint.Text
	for _, want := range []string{`"Advertising API"`, "approval", "https://"} {
		if !strings.Contains(hint, want) {
			t.Errorf("the hint %q does not say %s", hint, want)
		}
	}
}
