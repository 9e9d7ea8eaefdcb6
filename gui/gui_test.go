package gui

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/plain"
	"github.com/tokendesk/tokendesk/oauthflow"
)

func TestConnectCopyClear(t *testing.T) {
	h := newHarness(t)
	s := h.ui.setup
	if h.win.Canvas().Focused() != s.clientID {
		t.Error("the cursor is not in the first empty field")
	}
	h.fillForm(h.redirect)
	if s.connect.Disabled() {
		t.Fatal("Connect is disabled for a valid form")
	}
	test.Tap(s.connect)
	h.await("waiting")
	if h.showing() != h.ui.waiting.content {
		t.Fatal("not on the waiting screen")
	}
	page := <-h.signIn()
	h.await("connected")
	if !strings.Contains(page.Body, "connected") {
		t.Errorf("browser page: %q", page.Body)
	}

	issued := h.fake.Issued()
	if len(issued) != 1 {
		t.Fatalf("%d tokens issued", len(issued))
	}
	token := issued[0].AccessToken
	c := h.ui.connected
	if h.showing() != c.content {
		t.Fatal("not on the connected screen")
	}
	if c.tokenText.Text != plain.MaskToken(token) || strings.Contains(c.tokenText.Text, token[6:len(token)-4]) {
		t.Errorf("token shown as %q, want it masked", c.tokenText.Text)
	}
	if c.expiry.Text != "Valid for 60 more days, until 21 Jan 2027." {
		t.Errorf("expiry = %q", c.expiry.Text)
	}
	if c.scopes.Text != "email, openid, profile" {
		t.Errorf("scopes = %q", c.scopes.Text)
	}

	test.Tap(c.copyToken)
	h.await("copied")
	if got := h.app.Clipboard().Content(); got != token {
		t.Errorf("clipboard has %.20q…, want the token", got)
	}
	if c.copyToken.Text != "Copied" {
		t.Errorf("no Copied confirmation: %q", c.copyToken.Text)
	}
	test.Tap(c.reveal)
	h.await("reveal")
	if c.tokenText.Text != token {
		t.Error("Reveal does not show the token")
	}

	// The token survives a restart.
	if saved := h.loadStore(); saved.Token == nil || saved.Token.AccessToken != token || saved.Settings.ClientSecret != testClientSecret {
		t.Fatalf("store after connecting: %+v", saved)
	}

	test.Tap(c.clear)
	h.await("confirm-clear")
	if !strings.Contains(h.dialogText(), "Clear the token?") {
		t.Fatalf("no confirmation: %q", h.dialogText())
	}
	h.tapDialogButton("Clear")
	h.await("cleared")
	if h.showing() != s.content {
		t.Error("not back on the form")
	}
	if h.app.Clipboard().Content() != "" {
		t.Error("the token is still in the clipboard")
	}
	if saved := h.loadStore(); saved.Token != nil || saved.Settings.ClientID != testClientID {
		t.Errorf("store after Clear: %+v", saved)
	}
	if s.clientID.Text != testClientID || s.secret.Text != testClientSecret {
		t.Error("Clear emptied the form")
	}
}

func TestClearLeavesSomeoneElsesClipboard(t *testing.T) {
	h := newHarness(t)
	h.connect()
	test.Tap(h.ui.connected.copyToken)
	h.await("copied")
	h.app.Clipboard().SetContent("something the person copied since")
	test.Tap(h.ui.connected.clear)
	h.await("confirm-clear")
	h.tapDialogButton("Clear")
	h.await("cleared")
	if got := h.app.Clipboard().Content(); got != "something the person copied since" {
		t.Errorf("clipboard = %q", got)
	}
}

func TestInvalidFormKeepsConnectDisabled(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(s *setupScreen)
		field oauthflow.Field
		says  string
	}{
		{"empty client ID", func(s *setupScreen) { s.clientID.SetText("x"); s.clientID.SetText("") }, oauthflow.FieldClientID, "Client ID is empty"},
		{"https on localhost", func(s *setupScreen) { s.redirect.SetText("https://localhost:8765/callback") }, oauthflow.FieldRedirectURL, "cannot receive https://"},
		{"no permission", func(s *setupScreen) { s.oidc.SetChecked(false) }, oauthflow.FieldScopes, "at least one"},
		{"retired scope", func(s *setupScreen) { test.Type(s.otherScopes, "r_liteprofile") }, oauthflow.FieldScopes, "retired"},
		{"redirect with #", func(s *setupScreen) { test.Type(s.redirect, "#x") }, oauthflow.FieldRedirectURL, "#"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			s := h.ui.setup
			h.fillForm(h.redirect)
			tt.edit(s)
			if !s.connect.Disabled() {
				t.Error("Connect is enabled for an invalid form")
			}
			label := s.problems[tt.field]
			if !label.Visible() || !strings.Contains(label.Text, tt.says) {
				t.Errorf("problem under %s = %q (visible %v), want %q", tt.field, label.Text, label.Visible(), tt.says)
			}
			// Enter does not submit an invalid form either.
			s.clientID.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if h.ui.flow != nil || h.showing() != s.content {
				t.Error("an invalid form started a sign-in")
			}
		})
	}
}

func TestUntouchedFieldsAreNotRed(t *testing.T) {
	h := newHarness(t)
	for f, l := range h.ui.setup.problems {
		if l.Visible() {
			t.Errorf("%s shows %q before the person typed anything", f, l.Text)
		}
	}
	if !h.ui.setup.connect.Disabled() {
		t.Error("Connect enabled on an empty form")
	}
}

func TestEnterSubmits(t *testing.T) {
	h := newHarness(t)
	h.fillForm(h.redirect)
	h.ui.setup.secret.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.await("waiting")
	<-h.signIn()
	h.await("connected")
}

func TestCancelKeepsFieldsAndFreesPort(t *testing.T) {
	for _, how := range []string{"button", "escape"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t)
			h.pressConnect(h.redirect)
			<-h.opened
			if how == "button" {
				test.Tap(h.ui.waiting.cancel)
			} else {
				h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
			}
			h.await("cancelled")
			assertPortFree(t, h.port)
			s := h.ui.setup
			if h.showing() != s.content || s.clientID.Text != testClientID || s.secret.Text != testClientSecret || s.redirect.Text != h.redirect {
				t.Error("Cancel lost the form")
			}
			if s.banner.content.Visible() {
				t.Error("Cancel shows an error")
			}
			// And Connect works again.
			test.Tap(s.connect)
			h.await("waiting")
			<-h.signIn()
			h.await("connected")
		})
	}
}

func TestClosingTheWindowStopsTheSignIn(t *testing.T) {
	h := newHarness(t)
	h.pressConnect(h.redirect)
	h.closeWindow()
	assertPortFree(t, h.port)
	if saved := h.loadStore(); saved.Settings.ClientSecret != testClientSecret {
		t.Error("closing the window lost the form")
	}
}

func TestPasteFlow(t *testing.T) {
	h := newHarness(t)
	h.pressConnect(pasteRedirect)
	w := h.ui.waiting
	if !w.pasteBox.Visible() || w.pasteInstead.Visible() {
		t.Fatal("the paste field is not shown at once for a redirect URL elsewhere")
	}
	if !strings.Contains(w.pasteHelp.Text, pasteRedirect) {
		t.Errorf("paste help %q does not say what to paste", w.pasteHelp.Text)
	}
	addr := h.addressAfterSignIn()

	test.Type(w.pasteEntry, "this is not it")
	test.Tap(w.pasteGo)
	h.await("paste-problem")
	if !w.pasteProblem.Visible() || !strings.Contains(w.pasteProblem.Text, "doesn't look like") {
		t.Errorf("paste problem = %q", w.pasteProblem.Text)
	}

	w.pasteEntry.SetText("  \"" + addr + "\"\n")
	w.pasteEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.await("connected")
	if w.pasteProblem.Visible() {
		t.Error("the old paste problem is still shown")
	}
}

func TestSwitchToPaste(t *testing.T) {
	h := newHarness(t)
	h.pressConnect(h.redirect)
	w := h.ui.waiting
	if w.pasteBox.Visible() {
		t.Fatal("paste field shown for a loopback flow")
	}
	test.Tap(w.pasteInstead)
	h.await("paste")
	assertPortFree(t, h.port)
	if h.win.Canvas().Focused() != w.pasteEntry {
		t.Error("the cursor is not in the paste field")
	}
	test.Type(w.pasteEntry, h.addressAfterSignIn())
	test.Tap(w.pasteGo)
	h.await("connected")
}

func TestBrowserThatWillNotOpen(t *testing.T) {
	h := newHarness(t)
	h.ui.deps.OpenURL = func(string) error { return os.ErrNotExist }
	h.fillForm(h.redirect)
	test.Tap(h.ui.setup.connect)
	h.await("browser-failed")
	if !strings.Contains(h.ui.waiting.info.Text, "could not open your browser") {
		t.Errorf("info = %q", h.ui.waiting.info.Text)
	}
	if !h.ui.waiting.link.Visible() || !strings.HasPrefix(h.ui.waiting.link.Text, h.fake.OAuthURL()+"/authorization?") {
		t.Errorf("the link is not shown: %q", h.ui.waiting.link.Text)
	}
	test.Tap(h.ui.waiting.copyLink)
	if link := h.app.Clipboard().Content(); !strings.HasPrefix(link, h.fake.OAuthURL()+"/authorization?") {
		t.Errorf("copied link %q", link)
	}
	test.Tap(h.ui.waiting.cancel)
	h.await("cancelled")
}

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
			setup: func(h *harness) { h.ui.setup.share.SetChecked(true) }, want: oauthflow.ErrUnauthorizedScope},
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
			h.await("waiting")
			<-h.signIn()
			h.await("error")
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
		h.await("error")
		assertBanner(t, h, oauthflow.ErrPortBusy)
		if !strings.Contains(h.ui.setup.banner.message.Text, strconv.Itoa(h.port)) {
			t.Errorf("message %q does not name the port", h.ui.setup.banner.message.Text)
		}
	})
}

// assertBanner checks the form shows the error's words, keeps what was
// typed, and lets the person try again.
func assertBanner(t *testing.T, h *harness, want *oauthflow.Error) {
	t.Helper()
	s := h.ui.setup
	if h.showing() != s.content || !s.banner.content.Visible() {
		t.Fatal("the error is not shown on the form")
	}
	e := sampleError(want.Kind)
	if s.banner.message.Text == "" || s.banner.hint.Text == "" {
		t.Errorf("banner lacks words: %q / %q", s.banner.message.Text, s.banner.hint.Text)
	}
	if e != nil && s.banner.message.Text != e.Message {
		t.Errorf("banner says %q, want %q", s.banner.message.Text, e.Message)
	}
	if s.clientID.Text != testClientID {
		t.Error("the form lost the client ID")
	}
	if s.connect.Disabled() && s.validate() == nil {
		t.Error("Connect is disabled after an error")
	}
}

// sampleError is the engine's words for a kind, where they do not depend
// on the situation.
func sampleError(k oauthflow.Kind) *oauthflow.Error {
	switch k {
	case oauthflow.KindCancelledLogin:
		return &oauthflow.Error{Message: "You cancelled the sign-in."}
	case oauthflow.KindCancelledAuthorize:
		return &oauthflow.Error{Message: "You chose not to allow access on LinkedIn's page."}
	case oauthflow.KindBadClient:
		return &oauthflow.Error{Message: "LinkedIn did not accept your Client ID or Client secret."}
	case oauthflow.KindCodeRejected:
		return &oauthflow.Error{Message: "LinkedIn did not accept the sign-in code."}
	}
	return nil
}

func TestFieldsAreRemembered(t *testing.T) {
	h := newHarness(t)
	h.fillForm(pasteRedirect)
	h.ui.setup.share.SetChecked(true)
	test.Type(h.ui.setup.otherScopes, "r_organization_social")
	h.closeWindow()

	h.start() // a new run of the app
	s := h.ui.setup
	if s.clientID.Text != testClientID || s.secret.Text != testClientSecret || s.redirect.Text != pasteRedirect ||
		!s.oidc.Checked || !s.share.Checked || s.otherScopes.Text != "r_organization_social" {
		t.Errorf("form after restart: %q %q %q %v %v %q", s.clientID.Text, s.secret.Text, s.redirect.Text, s.oidc.Checked, s.share.Checked, s.otherScopes.Text)
	}
	if h.win.Canvas().Focused() != s.connect {
		t.Error("with every field filled, the Connect button should have the focus")
	}
}

func TestTokenShownAfterRestart(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.restart()
	if h.showing() != h.ui.connected.content || h.ui.state.token.AccessToken != h.fake.Issued()[0].AccessToken {
		t.Error("the saved token is not shown after a restart")
	}
	test.Tap(h.ui.connected.again)
	h.await("setup")
	if h.ui.setup.clientID.Text != testClientID {
		t.Error("Connect again lost the form")
	}
}

func TestImportAndExport(t *testing.T) {
	h := newHarness(t)
	h.ui.importData([]byte(`{"client_id": "78imported", "client_secret": "imported-secret", "redirect_uri": "http://localhost:8080/", "access_token": "AQVimported-token-0123456789"}`))
	h.await("imported")
	s := h.ui.setup
	if s.clientID.Text != "78imported" || s.secret.Text != "imported-secret" || s.redirect.Text != "http://localhost:8080/" {
		t.Errorf("form after import: %q %q %q", s.clientID.Text, s.secret.Text, s.redirect.Text)
	}
	if h.showing() != h.ui.connected.content || h.ui.connected.expiry.Text == "" {
		t.Error("the imported token is not shown")
	}
	if saved := h.loadStore(); saved.Token == nil || saved.Token.AccessToken != "AQVimported-token-0123456789" || saved.Settings.ClientSecret != "imported-secret" {
		t.Errorf("store after import: %+v", saved)
	}

	path := filepath.Join(t.TempDir(), "credentials.json")
	if err := h.ui.exportTo(path); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	var got map[string]string
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &got); err != nil || info.Mode().Perm() != 0o600 ||
		got["client_secret"] != "imported-secret" || got["access_token"] != "AQVimported-token-0123456789" {
		t.Errorf("export: %s, mode %v", data, info.Mode().Perm())
	}

	// A damaged file gets words, and changes nothing.
	h.ui.importData([]byte(`{"client_id": 12`))
	if text := h.dialogText(); !strings.Contains(text, "not a valid credentials.json") {
		t.Errorf("dialog after a bad import: %q", text)
	}
	if s.clientID.Text != "78imported" {
		t.Error("a bad import changed the form")
	}
}

func TestDropCredentialsFile(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "credentials.json")
	if err := os.WriteFile(path, []byte(`{"client_id": "78dropped", "client_secret": "dropped-secret", "redirect_uri": "`+h.redirect+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	h.ui.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})
	h.await("imported")
	if h.ui.setup.clientID.Text != "78dropped" || h.ui.setup.connect.Disabled() {
		t.Errorf("after the drop: %q, Connect disabled %v", h.ui.setup.clientID.Text, h.ui.setup.connect.Disabled())
	}
	h.ui.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(filepath.Join(t.TempDir(), "photo.png"))})
	if !strings.Contains(h.dialogText(), "credentials.json") {
		t.Errorf("dropping a non-JSON file: %q", h.dialogText())
	}
}

func TestForgetEverything(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.ui.confirmForget()
	h.tapDialogButton("Forget everything")
	h.await("forgotten")
	saved := h.loadStore()
	if saved.Token != nil || saved.Settings.ClientSecret != "" || saved.Settings.ClientID != "" {
		t.Errorf("store after Forget: %+v", saved)
	}
	if h.ui.setup.clientID.Text != "" || h.ui.setup.redirect.Text != oauthflow.DefaultRedirectURL {
		t.Error("the form was not reset")
	}
}

func TestAbout(t *testing.T) {
	h := newHarness(t)
	h.ui.showAbout()
	h.await("about")
	text := h.dialogText()
	if !strings.Contains(text, "not affiliated with, endorsed by or sponsored by LinkedIn") || !strings.Contains(text, "1.0.0-test") {
		t.Errorf("About says %q", text)
	}
}

func TestWindowRemembersItsSize(t *testing.T) {
	h := newHarness(t)
	h.win.Resize(fyne.NewSize(700, 720))
	h.closeWindow()
	p := h.app.Preferences()
	if p.Float("window.width") != 700 || p.Float("window.height") != 720 {
		t.Errorf("saved size %v x %v", p.Float("window.width"), p.Float("window.height"))
	}
	if got := h.ui.savedSize(); got != fyne.NewSize(700, 720) {
		t.Errorf("savedSize = %v", got)
	}
}

func TestTabOrderIsTopToBottom(t *testing.T) {
	h := newHarness(t)
	s := h.ui.setup
	c := h.win.Canvas()
	c.Focus(s.clientID)
	want := []fyne.Focusable{s.secret, s.redirect, s.copyURL, s.oidc, s.share, s.otherScopes}
	for _, next := range want {
		// Skip what sits between (the secret's show/hide toggle, links).
		for i := 0; i < 4 && c.Focused() != next; i++ {
			c.FocusNext()
		}
		if c.Focused() != next {
			t.Fatalf("Tab did not reach %T next", next)
		}
	}
}

func TestDamagedSettingsAreExplainedAtStart(t *testing.T) {
	h := newHarness(t)
	h.closeWindow()
	if err := os.WriteFile(filepath.Join(h.dir, "settings.json"), []byte(`{"client_id": `), 0o600); err != nil {
		t.Fatal(err)
	}
	h.start()
	if text := h.dialogText(); !strings.Contains(text, "damaged") || !strings.Contains(text, "settings.json.bak") {
		t.Errorf("start-up dialog: %q", text)
	}
	if h.ui.setup.redirect.Text != oauthflow.DefaultRedirectURL {
		t.Error("the form did not start from the defaults")
	}
}

func TestWhoIsConnected(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.await("member")
	c := h.ui.connected
	if !strings.Contains(c.account.Text, "Connected as Ada Lovelace (ada@example.com).") {
		t.Errorf("account = %q", c.account.Text)
	}
	if !c.pictureBox.Visible() || c.picture.Resource == nil {
		t.Error("no profile picture")
	}
	if c.who.Visible() {
		t.Errorf("a problem is shown: %q", c.who.Text)
	}
	if saved := h.loadStore(); saved.Token == nil || saved.Token.Account != "Ada Lovelace" {
		t.Errorf("the name is not remembered: %+v", saved.Token)
	}
	if n := h.fake.MeCalls(); n != 0 {
		t.Errorf("/v2/me was called %d times: it fails with OpenID Connect tokens", n)
	}
}

func TestWhoNeedsOpenIDAndProfile(t *testing.T) {
	h := newHarness(t)
	h.fillForm(h.redirect)
	h.ui.setup.oidc.SetChecked(false)
	h.ui.setup.share.SetChecked(true)
	test.Tap(h.ui.setup.connect)
	h.await("waiting")
	<-h.signIn()
	h.await("connected")
	c := h.ui.connected
	if !c.who.Visible() || !strings.Contains(c.who.Text, "openid and profile") || !strings.Contains(c.who.Text, "Sign In with OpenID Connect") {
		t.Errorf("who = %q", c.who.Text)
	}
	if strings.Contains(c.account.Text, "Connected as") {
		t.Error("claims to know who is connected")
	}
}

func TestRevokedTokenAtStart(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.await("member")
	h.fake.Revoke(h.fake.Issued()[0].AccessToken)
	h.restart()
	h.await("member-problem")
	c := h.ui.connected
	if !c.who.Visible() || !strings.Contains(c.who.Text, "revoked") || !strings.Contains(c.who.Text, "Connect again") {
		t.Errorf("who = %q", c.who.Text)
	}
	if c.again.Importance != widget.HighImportance {
		t.Error("Connect again is not the thing to do")
	}
	if !strings.Contains(c.account.Text, "Ada Lovelace") {
		t.Errorf("the remembered name is gone: %q", c.account.Text)
	}
}

func TestCopyAs(t *testing.T) {
	h := newHarness(t)
	h.connect()
	token := h.fake.Issued()[0].AccessToken
	c := h.ui.connected
	test.Tap(c.copyAs)
	menu := h.win.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("no Copy as… menu")
	}
	for i, hv := range handovers {
		c.copyAsNow(handovers[i])
		h.await("copied-as")
		if got := h.app.Clipboard().Content(); got != hv.format(token, h.ui.deps.Endpoints) || !strings.Contains(got, "Bearer "+token) {
			t.Errorf("%s copied %.60q", hv.label, got)
		}
	}
	if got := h.app.Clipboard().Content(); !strings.Contains(got, h.fake.APIURL()+"/v2/userinfo") {
		t.Errorf("the curl command does not call userinfo: %q", got)
	}
	// Clear also empties a clipboard holding the token in another form.
	test.Tap(c.clear)
	h.await("confirm-clear")
	h.tapDialogButton("Clear")
	h.await("cleared")
	if h.app.Clipboard().Content() != "" {
		t.Error("the curl command with the token is still in the clipboard")
	}
	if text := h.dialogText(); !strings.Contains(text, "Permitted services") || !strings.Contains(text, "keeps working until it expires") {
		t.Errorf("after Clear: %q", text)
	}
}

func TestScopeChangeWarning(t *testing.T) {
	h := newHarness(t)
	h.connect()
	test.Tap(h.ui.connected.again)
	h.await("setup")
	s := h.ui.setup
	if s.scopeChange.Visible() {
		t.Error("warning shown with the same permissions")
	}
	s.share.SetChecked(true)
	if !s.scopeChange.Visible() || !strings.Contains(s.scopeChange.Text, "stop accepting your current token") {
		t.Errorf("no warning after changing the permissions: %q", s.scopeChange.Text)
	}
	s.share.SetChecked(false)
	if s.scopeChange.Visible() {
		t.Error("warning stays after changing them back")
	}
}

func TestExpiringToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	// Three days before the token's end, TokenDesk starts again.
	h.restartWithExpiry(testNow.Add(3*24*time.Hour + time.Hour))
	c := h.ui.connected
	if !c.renewBox.Visible() || !strings.Contains(c.expiring.Text, "Valid for 3 more days") {
		t.Errorf("no expiry warning: %q", c.expiring.Text)
	}
	sent := h.notifications()
	if len(sent) != 1 || !strings.Contains(sent[0].Content, "Valid for 3 more days") {
		t.Fatalf("notifications = %+v", sent)
	}
	// One click: straight to the browser, with the saved settings.
	c.renewBox.Objects[1].(*widget.Button).OnTapped()
	h.await("waiting")
	<-h.signIn()
	h.await("connected")
	if c.renewBox.Visible() {
		t.Error("the warning stays after reconnecting")
	}
	if len(h.fake.Issued()) != 2 {
		t.Error("no new token")
	}
}

func TestNoNotificationForAFreshToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.restart()
	if n := h.notifications(); len(n) != 0 {
		t.Errorf("notifications for a 60-day token: %+v", n)
	}
	if h.ui.connected.renewBox.Visible() {
		t.Error("expiry warning for a 60-day token")
	}
}

func TestCheckToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	c := h.ui.connected
	test.Tap(c.check)
	h.await("checked")
	if !c.checked.Visible() || !strings.Contains(c.checked.Text, "The token is active.") || !strings.Contains(c.checked.Text, "email, openid, profile") {
		t.Errorf("check = %q", c.checked.Text)
	}
	h.fake.Revoke(h.fake.Issued()[0].AccessToken)
	test.Tap(c.check)
	h.await("check-problem")
	if !strings.Contains(c.checked.Text, "revoked") || c.again.Importance != widget.HighImportance {
		t.Errorf("after revoking: %q", c.checked.Text)
	}
}

func TestQuietCheckAtStart(t *testing.T) {
	t.Run("revoked", func(t *testing.T) {
		h := newHarness(t)
		h.connect()
		h.fake.Revoke(h.fake.Issued()[0].AccessToken)
		h.restart()
		h.await("check-problem")
		if c := h.ui.connected; !c.checked.Visible() || !strings.Contains(c.checked.Text, "revoked") {
			t.Errorf("check at start = %q", c.checked.Text)
		}
	})
	t.Run("active: nothing to say", func(t *testing.T) {
		h := newHarness(t)
		h.connect()
		h.restart()
		h.await("checked")
		if c := h.ui.connected; c.checked.Visible() {
			t.Errorf("a quiet check spoke: %q", c.checked.Text)
		}
	})
	t.Run("imported token learns its expiry", func(t *testing.T) {
		h := newHarness(t)
		token := h.fake.Issue(testClientID, []string{"openid", "profile", "email"})
		h.ui.importData([]byte(`{"client_id": "` + testClientID + `", "client_secret": "` + testClientSecret + `", "redirect_uri": "` + h.redirect + `", "access_token": "` + token + `"}`))
		h.await("imported")
		if !strings.HasPrefix(h.ui.connected.expiry.Text, "Expiry unknown") {
			t.Fatalf("expiry before the check = %q", h.ui.connected.expiry.Text)
		}
		h.restart()
		h.await("checked")
		c := h.ui.connected
		if strings.HasPrefix(c.expiry.Text, "Expiry unknown") || c.scopes.Text != "openid, profile, email" {
			t.Errorf("after the check: %q, %q", c.expiry.Text, c.scopes.Text)
		}
		if saved := h.loadStore(); saved.Token == nil || saved.Token.ExpiresAt.IsZero() {
			t.Error("the learned expiry is not saved")
		}
	})
}

func withRefresh(_ *harness, a *fakelinkedin.App) { a.Refresh = true }

func TestRenewNow(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	c := h.ui.connected
	first := c.token()
	if !c.renew.Visible() || !strings.Contains(c.expiry.Text, "Renewable until 22 Nov 2027") {
		t.Fatalf("renew visible %v, expiry %q", c.renew.Visible(), c.expiry.Text)
	}
	test.Tap(c.renew)
	h.await("renewed")
	issued := map[string]bool{}
	for _, i := range h.fake.Issued() {
		issued[i.AccessToken] = true
	}
	if c.token().AccessToken == first.AccessToken || !issued[c.token().AccessToken] || len(issued) != 2 {
		t.Fatal("the screen does not show a new token LinkedIn issued")
	}
	if !c.token().RefreshTokenExpiresAt.Equal(first.RefreshTokenExpiresAt) {
		t.Errorf("refresh expiry moved: %v -> %v", first.RefreshTokenExpiresAt, c.token().RefreshTokenExpiresAt)
	}
	saved := h.loadStore()
	if saved.Token == nil || saved.Token.AccessToken != c.token().AccessToken || saved.Token.RefreshToken == "" {
		t.Errorf("the new token is not saved")
	}
	if !strings.HasPrefix(c.checked.Text, "Renewed: a new token") {
		t.Errorf("checked = %q", c.checked.Text)
	}
}

func TestAutoRenewAtStart(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	tok := h.restartWithExpiry(testNow.Add(2 * 24 * time.Hour))
	h.await("renewed")
	c := h.ui.connected
	if c.token().AccessToken == tok.AccessToken || !strings.Contains(c.checked.Text, "Renewed automatically") {
		t.Errorf("not renewed: %q", c.checked.Text)
	}
	if c.renewBox.Visible() {
		t.Error("the expiry warning stays after renewing")
	}
	if n := h.notifications(); len(n) != 0 {
		t.Errorf("a notification about a token that was renewed: %+v", n)
	}
}

func TestFailedRenewalKeepsTheToken(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	c := h.ui.connected
	old := c.token().AccessToken
	h.fake.FailTokenEndpoint(400, "application/json", `{"error":"invalid_request","error_description":"The provided authorization grant or refresh token is invalid, expired or revoked"}`)
	test.Tap(c.renew)
	h.await("renew-problem")
	if c.token().AccessToken != old || !strings.Contains(c.checked.Text, "would not renew") || !strings.Contains(c.checked.Text, "current token is kept") {
		t.Errorf("after a failed renewal: %q", c.checked.Text)
	}
	if saved := h.loadStore(); saved.Token == nil || saved.Token.AccessToken != old {
		t.Error("a failed renewal lost the saved token")
	}
}

func TestExpiryCountsDown(t *testing.T) {
	h := newHarness(t)
	h.connect()
	c := h.ui.connected
	clock := testNow
	h.ui.deps.Now = func() time.Time { return clock } // read on the test goroutine only
	h.ui.recountEvery = 10 * time.Millisecond
	c.present()
	clock = testNow.Add(58 * 24 * time.Hour)
	h.await("recounted")
	if !strings.HasPrefix(c.expiry.Text, "Valid for 2 more days") || !c.renewBox.Visible() {
		t.Errorf("after 58 days: %q, warning %v", c.expiry.Text, c.renewBox.Visible())
	}
	h.ui.recountEvery = 0
	c.present() // stops the countdown before the test's clock goes away
}
