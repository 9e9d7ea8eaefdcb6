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
		return Credentials{}, credError(ReasonFileEmpty, nil)
	}
	if len(data) > maxFileSize {
		return Credentials{}, credError(ReasonFileTooLarge, nil)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Credentials{}, credError(ReasonFileNotJSON, err)
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
			return Credentials{}, &Error{Reason: ReasonFileNotText, Err: err, Field: f.key}
		}
		*f.dst = strings.TrimSpace(*f.dst)
	}
	if c.ClientID == "" && c.ClientSecret == "" && c.RedirectURI == "" && c.AccessToken == "" {
		return Credentials{}, credError(ReasonFileNothing, nil)
	}
	return c, nil
}

func credError(reason Reason, err error) *Error { return &Error{Reason: reason, Err: err} }

// ReadCredentialsFile reads and parses a credentials.json.
func ReadCredentialsFile(path string) (Credentials, error) {
	data, err := readLimited(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Credentials{}, &Error{Reason: ReasonFileGone, Err: err}
		}
		return Credentials{}, &Error{Reason: ReasonFileUnreadable, Err: err}
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
