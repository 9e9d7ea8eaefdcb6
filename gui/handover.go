package gui

import (
	"fmt"

	"github.com/tokendesk/tokendesk/linkedin"
)

// handover is a way to hand the token to another program.
type handover struct {
	label  string
	format func(token string, e linkedin.Endpoints) string
}

// handovers are the "Copy as…" choices: what other tools want pasted.
var handovers = []handover{
	{"Authorization header", func(t string, _ linkedin.Endpoints) string {
		return "Authorization: Bearer " + t
	}},
	{"Headers for LinkedIn's Rest.li APIs", func(t string, _ linkedin.Endpoints) string {
		return "Authorization: Bearer " + t + "\nX-Restli-Protocol-Version: 2.0.0"
	}},
	{"curl command (who am I)", func(t string, e linkedin.Endpoints) string {
		return fmt.Sprintf("curl -H 'Authorization: Bearer %s' '%s'", t, e.UserinfoURL())
	}},
}
