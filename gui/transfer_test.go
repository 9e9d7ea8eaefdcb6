package gui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

func TestImportAndExport(t *testing.T) {
	h := newHarness(t)
	h.ui.importData("credentials.json", []byte(`{"client_id": "78imported", "client_secret": "imported-secret", "redirect_uri": "http://localhost:8080/", "access_token": "AQVimported-token-0123456789"}`))
	h.settle()
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
	h.ui.importData("credentials.json", []byte(`{"client_id": 12`))
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
	h.settle()
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
	h.settle()
	saved := h.loadStore()
	if saved.Token != nil || saved.Settings.ClientSecret != "" || saved.Settings.ClientID != "" {
		t.Errorf("store after Forget: %+v", saved)
	}
	if h.ui.setup.clientID.Text != "" || h.ui.setup.redirect.Text != oauthflow.DefaultRedirectURL {
		t.Error("the form was not reset")
	}
}

// After Forget everything, closing the window makes no connection again.
func TestForgetThenCloseLeavesNothing(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.ui.forgetNow()
	h.settle()
	h.assertForm()
	h.closeWindow()
	if l, _ := h.openStore().List(context.Background()); len(l.Connections) != 0 {
		t.Errorf("after Forget everything and closing the window, the store lists %v", l.Names())
	}
}

// A credentials file with a long (or odd) name is imported under a name
// made to fit.
func TestImportLongFileName(t *testing.T) {
	h := newHarness(t)
	h.connect()
	name := "acme-production-linkedin-marketing-api-credentials-2026-11-22-final\tcopy.json"
	h.ui.importData(name, []byte(`{"client_id": "`+testClientID+`", "client_secret": "`+testClientSecret+`", "redirect_uri": "`+h.redirect+`"}`))
	h.settle()
	c, ok := h.ui.state.listing.Find(h.ui.state.connID)
	if !ok || !strings.HasPrefix(c.Name, "acme-production-linkedin") || utf8.RuneCountInString(c.Name) > store.MaxNameLength {
		t.Errorf("imported as %q", c.Name)
	}
}

// Issue 17, item 6: importing Default.json while the first connection is
// renamed makes a connection of the file, named by the rule the store
// applies (the first connection's ID is not a name to take), rather than
// failing after the name was thought free.
func TestImportNamedLikeTheFirstConnectionsID(t *testing.T) {
	h := newHarness(t)
	s := h.openStore()
	ctx := context.Background()
	if err := s.Conn(store.DefaultConnection).SaveSettings(ctx, oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect}); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, store.DefaultConnection, "Main"); err != nil {
		t.Fatal(err)
	}
	h.ui.follow()
	h.settle()
	if _, ok := h.ui.state.listing.Find("Main"); !ok {
		t.Fatal("the window did not read the rename")
	}
	h.ui.importData("Default.json", []byte(`{"client_id": "78imported", "client_secret": "imported-secret", "redirect_uri": "http://localhost:8080/"}`))
	h.settle()
	if _, ok := h.ui.state.listing.Find("Default 2"); !ok {
		t.Fatalf("the import failed: %s", h.dialogText())
	}
	l, err := s.List(ctx)
	if err != nil || len(l.Connections) != 2 || l.Connections[1].Name != "Default 2" || l.Connections[1].ClientID != "78imported" {
		t.Errorf("connections after the import: %q (%v)", l.Names(), err)
	}
}
