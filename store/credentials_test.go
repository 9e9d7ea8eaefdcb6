package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCredentials(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Credentials
	}{
		{"the tutorial's file", `{"client_id": "78ab", "client_secret": "s3", "redirect_uri": "http://localhost:8080/"}`,
			Credentials{ClientID: "78ab", ClientSecret: "s3", RedirectURI: "http://localhost:8080/"}},
		{"after the script ran (indent 4, token)", "{\n    \"client_id\": \"78ab\",\n    \"client_secret\": \"s3\",\n    \"redirect_uri\": \"http://localhost:8080/\",\n    \"access_token\": \"AQV123\"\n}",
			Credentials{ClientID: "78ab", ClientSecret: "s3", RedirectURI: "http://localhost:8080/", AccessToken: "AQV123"}},
		{"unknown fields ignored", `{"client_id": "78ab", "company_id": 123, "notes": ["x"]}`, Credentials{ClientID: "78ab"}},
		{"byte order mark", "\xef\xbb\xbf{\"client_id\": \"78ab\"}", Credentials{ClientID: "78ab"}},
		{"spaces trimmed", `{"client_id": " 78ab\n"}`, Credentials{ClientID: "78ab"}},
		{"null fields", `{"client_id": "78ab", "access_token": null}`, Credentials{ClientID: "78ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCredentials([]byte(tt.in))
			if err != nil || got != tt.want {
				t.Fatalf("ParseCredentials = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestParseCredentialsRefuses(t *testing.T) {
	tests := map[string]string{
		"empty":        "",
		"spaces":       "  \n",
		"not json":     "client_id=78ab",
		"cut short":    `{"client_id": "78`,
		"a list":       `["78ab"]`,
		"wrong type":   `{"client_id": 78}`,
		"object":       `{"client_secret": {"value": "x"}}`,
		"nothing ours": `{"name": "my app"}`,
		"huge":         `{"client_id": "` + strings.Repeat("a", maxFileSize) + `"}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseCredentials([]byte(in))
			var e *Error
			if !errors.As(err, &e) || e.Reason == "" {
				t.Fatalf("ParseCredentials = %v", err)
			}
		})
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "credentials.json")
	c := Credentials{ClientID: "78ab", ClientSecret: "s3", RedirectURI: "http://localhost:8765/callback", AccessToken: "AQV123"}
	if err := WriteCredentialsFile(path, c); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("exported file mode %v, %v; want 0600", info.Mode().Perm(), err)
	}
	// The tutorial's script reads exactly these keys.
	var raw map[string]string
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &raw); err != nil || raw["client_id"] != "78ab" || raw["client_secret"] != "s3" || raw["redirect_uri"] != c.RedirectURI || raw["access_token"] != "AQV123" {
		t.Fatalf("exported %s", data)
	}
	got, err := ReadCredentialsFile(path)
	if err != nil || got != c {
		t.Fatalf("ReadCredentialsFile = %+v, %v", got, err)
	}
	// Export over an existing, world-readable file narrows it to 0600.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteCredentialsFile(path, c); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode after re-export %v", info.Mode().Perm())
	}
	if _, err := ReadCredentialsFile(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("reading a missing file succeeded")
	}
}

func FuzzParseCredentials(f *testing.F) {
	for _, s := range []string{`{"client_id":"a","client_secret":"b","redirect_uri":"c","access_token":"d"}`, `{}`, `[`, `{"client_id":1}`, "\xef\xbb\xbf{}", `{"client_id":"\u0000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCredentials(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Reason == "" {
				t.Fatalf("error without words: %v", err)
			}
			return
		}
		if c == (Credentials{}) {
			t.Fatal("accepted a file with nothing in it")
		}
	})
}

// TestCredentialsNeverPrint: the tutorial's file holds secrets in plain
// text by design, but only WriteCredentialsFile may write them.
func TestCredentialsNeverPrint(t *testing.T) {
	c := Credentials{ClientID: "78x", ClientSecret: "CLIENT-SECRET-1", RedirectURI: "http://localhost:8765/callback", AccessToken: "ACCESS-TOKEN-2"}
	js, _ := json.Marshal(c)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "c", c)
	for _, out := range []string{fmt.Sprintf("%v %+v %#v %s %d %x %q", c, c, c, c, c, c, c), string(js), logged.String()} {
		if strings.Contains(out, "CLIENT-SECRET") || strings.Contains(out, "ACCESS-TOKEN") || strings.Contains(out, fmt.Sprintf("%x", "CLIENT-SECRET")) {
			t.Errorf("printed: %s", out)
		}
	}
	path := filepath.Join(t.TempDir(), "credentials.json")
	if err := WriteCredentialsFile(path, c); err != nil {
		t.Fatal(err)
	}
	if back, err := ReadCredentialsFile(path); err != nil || back != c {
		t.Errorf("the exported file does not hold the real values: %v", err)
	}
}
