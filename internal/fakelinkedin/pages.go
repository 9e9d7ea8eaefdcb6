package fakelinkedin

import (
	"fmt"
	"net/http"
)

// SetSignInDown makes the sign-in page answer as LinkedIn does when its
// sign-in is down: an error page of its own, with a server error status,
// and no way back to the app.
func (s *Server) SetSignInDown(down bool) { s.mu.Lock(); s.down = down; s.mu.Unlock() }

// outage is LinkedIn's page while its sign-in is down: a 503 and a page
// for people, no redirect.
func outage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Retry-After", "120")
	w.WriteHeader(http.StatusServiceUnavailable)
	fmt.Fprint(w, "<html><body><h1>LinkedIn is temporarily unavailable.</h1><p>We're working on it. Please try again in a few minutes.</p></body></html>")
}
