package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// Credentials is the credentials.json of the Python tutorial many users
// start from: {"client_id", "client_secret", "redirect_uri", "access_token"}.
// Like oauthflow.Token it never prints its secrets (fmt, JSON, slog):
// only WriteCredentialsFile writes them, through a type of its own.
type Credentials struct {
	ClientID     string
	ClientSecret string
	RedirectURI  string
	AccessToken  string
}

// credentialsFile is the file's format, with the real values.
type credentialsFile struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RedirectURI  string `json:"redirect_uri"`
	AccessToken  string `json:"access_token,omitempty"`
}

// String shows what is not secret.
func (c Credentials) String() string {
	return fmt.Sprintf("Credentials{client_id: %q, client_secret: %s, redirect_uri: %q, access_token: %s}",
		c.ClientID, hidden(c.ClientSecret), c.RedirectURI, hidden(c.AccessToken))
}

// Format prints String for every verb.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue keeps slog from printing the secrets.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalJSON gives the credentials with their secrets hidden; the file is
// written by WriteCredentialsFile.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(credentialsFile{ClientID: c.ClientID, ClientSecret: hidden(c.ClientSecret), RedirectURI: c.RedirectURI, AccessToken: hidden(c.AccessToken)})
}

func hidden(secret string) string {
	if secret == "" {
		return ""
	}
	return "[hidden]"
}

// ParseCredentials reads a credentials.json. Unknown fields are ignored; a
// file that is not JSON, or whose fields are not text, is an *Error that
// says what is wrong with it.
func ParseCredentials(data []byte) (Credentials, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	if len(bytes.TrimSpace(data)) == 0 {
		return Credentials{}, credError("The file is empty.", nil)
	}
	if len(data) > maxFileSize {
		return Credentials{}, credError("The file is far too large to be a credentials.json.", nil)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Credentials{}, credError("The file is not a valid credentials.json (it is not JSON, or it is cut short).", err)
	}
	var c Credentials
	for _, f := range []struct {
		key string
		dst *string
	}{{"client_id", &c.ClientID}, {"client_secret", &c.ClientSecret}, {"redirect_uri", &c.RedirectURI}, {"access_token", &c.AccessToken}} {
		v, ok := raw[f.key]
		if !ok || string(v) == "null" {
			continue
		}
		if err := json.Unmarshal(v, f.dst); err != nil {
			return Credentials{}, credError(fmt.Sprintf("In the file, %q must be text in quotes.", f.key), err)
		}
		*f.dst = strings.TrimSpace(*f.dst)
	}
	if c.ClientID == "" && c.ClientSecret == "" && c.RedirectURI == "" && c.AccessToken == "" {
		return Credentials{}, credError("The file has none of client_id, client_secret, redirect_uri or access_token.", nil)
	}
	return c, nil
}

func credError(msg string, err error) *Error {
	return &Error{Err: err, Message: msg,
		Hint: `A credentials.json looks like {"client_id": "…", "client_secret": "…", "redirect_uri": "http://localhost:8765/callback"}. Pick another file, or type the values in.`}
}

// ReadCredentialsFile reads and parses a credentials.json.
func ReadCredentialsFile(path string) (Credentials, error) {
	data, err := readLimited(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Credentials{}, &Error{Err: err, Message: "That file does not exist any more.", Hint: "Pick the file again."}
		}
		return Credentials{}, &Error{Err: err, Message: "TokenDesk could not read that file.", Hint: "Check that it is a credentials.json you can open, and not too large."}
	}
	return ParseCredentials(data)
}

// WriteCredentialsFile exports to the tutorial's format, so scripts written
// against it keep working. The file holds secrets: it is created readable by
// the user only, and replaced atomically.
func WriteCredentialsFile(path string, c Credentials) error {
	data, err := json.MarshalIndent(credentialsFile(c), "", "    ")
	if err != nil {
		return saveError(err)
	}
	if err := writeFileAtomic(path, append(data, '\n'), 0o600); err != nil {
		return saveError(err)
	}
	// Replacing an existing file keeps our 0600, but make it explicit.
	return os.Chmod(filepath.Clean(path), 0o600)
}
