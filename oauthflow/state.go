package oauthflow

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
)

// stateBytes is the size of the random state: 256 bits, far beyond guessing.
const stateBytes = 32

// newState returns a fresh state: 32 bytes from crypto/rand, base64url
// without padding (43 characters), safe in a URL as it is.
func newState() (string, error) {
	b := make([]byte, stateBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("read random state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// sameState compares states in constant time, so a stray page cannot learn
// the expected state from how long a wrong guess takes to be refused.
func sameState(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
