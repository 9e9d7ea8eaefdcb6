package oauthflow

import "time"

// SetShutdownGrace changes how long a page still being sent may take after
// a flow closes, and returns a function that puts it back.
func SetShutdownGrace(d time.Duration) (restore func()) {
	old := shutdownGrace
	shutdownGrace = d
	return func() { shutdownGrace = old }
}
