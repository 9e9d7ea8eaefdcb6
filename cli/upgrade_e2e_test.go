//go:build linux

package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/store"
)

// beforeConnections is the last commit of TokenDesk with one connection:
// its settings file is version 1, and its keychain entries have the plain
// names (client-secret, access-token or access-token-b, refresh-token…).
const beforeConnections = "fd81167"

// buildBeforeConnections builds the tokendesk of beforeConnections from
// this clone's history, with the build cache the new one used. It skips
// the test only where there is no such history (a source tarball, a
// shallow clone): a build that fails is a failure.
func buildBeforeConnections(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: cannot build TokenDesk " + beforeConnections + " to upgrade from")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skip("not a git clone: cannot build TokenDesk " + beforeConnections + " to upgrade from")
	}
	root := strings.TrimSpace(string(top))
	commit, err := exec.Command("git", "-C", root, "rev-parse", "--verify", "--quiet", beforeConnections+"^{commit}").Output()
	if err != nil {
		t.Skip("commit " + beforeConnections + " is not in this clone (shallow?): cannot build the TokenDesk to upgrade from")
	}
	dir := t.TempDir()
	src, bin := filepath.Join(dir, "src"), filepath.Join(dir, "old-tokendesk")
	tarball := filepath.Join(dir, "src.tar")
	for _, c := range []*exec.Cmd{
		exec.Command("git", "-C", root, "archive", "--output", tarball, strings.TrimSpace(string(commit))),
		exec.Command("mkdir", src),
		exec.Command("tar", "-xf", tarball, "-C", src),
	} {
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c, err, out)
		}
	}
	start := time.Now()
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = src
	// That TokenDesk is a module of its own, outside the workspace make
	// builds this one in (GOWORK, scripts/fyne-patch.sh): it builds with
	// the Fyne its go.mod names.
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building TokenDesk %s: %v\n%s", beforeConnections, err, out)
	}
	t.Logf("built TokenDesk %s in %v", beforeConnections, time.Since(start).Round(time.Second))
	return bin
}

// keychainEntry is the secret TokenDesk keeps as name, as the Secret
// Service has it, asked around TokenDesk's code.
func keychainEntry(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("secret-tool", "lookup", "service", store.DefaultService, "username", name).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// upgrade: what the TokenDesk before connections saved (a version 1
// settings file, keychain entries with the plain names) is, for the new
// binary, the connection "default", with everything it had; and a second
// connection leaves it, and its keychain entries, where they were.
func (e *e2e) upgrade(t *testing.T) {
	old := buildBeforeConnections(t)
	// The steps before saved under the same service name: start with an
	// empty keychain, so that every entry found below is this test's.
	if out, err := exec.Command("secret-tool", "clear", "service", store.DefaultService).CombinedOutput(); err != nil {
		t.Fatalf("secret-tool clear: %v %s", err, out)
	}
	u := *e
	u.t, u.bin = t, old
	config := filepath.Join(t.TempDir(), "config")
	u.env = append(append([]string{}, e.env...), "XDG_CONFIG_HOME="+config) // the later one counts
	redirect := fmt.Sprintf("http://localhost:%d/callback", e.port)

	code, _, errOut := u.loginInBrowser(t, e2eClientSecret, "--client-id", e2eClientID, "--redirect-url", redirect, "--scopes", "openid profile email")
	if code != ExitOK {
		t.Fatalf("the old login = %d:\n%s", code, errOut)
	}
	var before documentedStatus
	code, out, errOut := u.run("status", "--json")
	if err := json.Unmarshal([]byte(out), &before); code != ExitOK || err != nil || before.ExpiresAt == nil {
		t.Fatalf("the old status --json = %d (%v): %s %s", code, err, out, errOut)
	}
	settings, err := os.ReadFile(filepath.Join(config, "TokenDesk", "settings.json"))
	if err != nil || !bytes.Contains(settings, []byte(`"version": 1`)) {
		t.Fatalf("the old TokenDesk did not write a version 1 settings file (%v):\n%s", err, settings)
	}
	code, out, _ = u.run("token")
	oldToken := strings.TrimSuffix(out, "\n")
	if code != ExitOK || len(oldToken) < 20 {
		t.Fatalf("the old token = %d, %d characters", code, len(oldToken))
	}
	tokenEntry := "access-token"
	if keychainEntry(t, tokenEntry) != oldToken {
		tokenEntry = "access-token-b"
	}
	if keychainEntry(t, tokenEntry) != oldToken || keychainEntry(t, "client-secret") != e2eClientSecret {
		t.Fatal("the old TokenDesk's keychain entries are not where this test looks: client-secret, access-token or access-token-b")
	}

	// The new binary, on what the old one saved.
	u.bin = e.bin
	code, out, errOut = u.run("list")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != ExitOK || len(lines) != 2 ||
		!regexp.MustCompile(`^\* default +Ada Lovelace +valid +Valid for (59|60) more days`).MatchString(lines[1]) {
		t.Errorf("list = %d:\n%s%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, oldToken) {
		t.Error("list printed the token")
	}
	if code, out, _ := u.run("token"); code != ExitOK || out != oldToken+"\n" {
		t.Errorf("token = %d, %.20q; want the token the old TokenDesk saved", code, out)
	}
	code, st := u.status()
	if code != ExitOK || st.Connection != "default" || st.ConnectionID != store.DefaultConnection || st.ExpiresAt == nil ||
		!st.ExpiresAt.Equal(*before.ExpiresAt) || st.ClientID != e2eClientID || st.Member == nil || *st.Member != "Ada Lovelace" {
		t.Errorf("status --json = %d, %+v; want the old one's expires_at %v", code, st, before.ExpiresAt)
	}

	// A second connection, of another app.
	code, _, errOut = u.loginInBrowser(t, e2eSecondSecret, "--connection", "Acme", "--client-id", e2eSecondID, "--redirect-url", redirect)
	if code != ExitOK || !strings.Contains(errOut, `in the new connection "Acme"`) {
		t.Fatalf("login --connection Acme = %d:\n%s", code, errOut)
	}
	if code, out, _ := u.run("token"); code != ExitOK || out != oldToken+"\n" {
		t.Errorf("token after a second connection = %d, %.20q; want the first one's", code, out)
	}
	code, out, _ = u.run("token", "--connection", "acme")
	acmeToken := strings.TrimSuffix(out, "\n")
	if code != ExitOK || len(acmeToken) < 20 || acmeToken == oldToken {
		t.Errorf("token --connection acme = %d, %.20q; want the second one's", code, out)
	}
	var listed []ListedConnection
	code, out, _ = u.run("list", "--json")
	if err := json.Unmarshal([]byte(out), &listed); err != nil || code != ExitOK || len(listed) != 2 ||
		listed[0].Name != "default" || !listed[0].Current || listed[1].Name != "Acme" || listed[1].Current || listed[1].ClientID != e2eSecondID {
		t.Errorf("list --json = %d (%v):\n%s", code, err, out)
	}

	// Nothing of the first connection moved in the keychain, and the
	// second one's secret went elsewhere.
	if keychainEntry(t, tokenEntry) != oldToken || keychainEntry(t, "client-secret") != e2eClientSecret {
		t.Errorf("the old keychain entries changed: %s is the old token: %v; client-secret is the old secret: %v",
			tokenEntry, keychainEntry(t, tokenEntry) == oldToken, keychainEntry(t, "client-secret") == e2eClientSecret)
	}
}
