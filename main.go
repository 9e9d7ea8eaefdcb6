// Command tokendesk is a desktop app that connects a LinkedIn account and
// gives the person a working access token, without a terminal.
//
// TokenDesk is not affiliated with or endorsed by LinkedIn.
package main

import (
	"context"
	"os"

	"fyne.io/fyne/v2/app"

	"github.com/tokendesk/tokendesk/cli"
	"github.com/tokendesk/tokendesk/gui"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// version is set by release builds (-ldflags "-X main.version=…", see the
// Makefile's dist target); builds by `fyne package` carry it in their
// metadata instead, which the window falls back to.
var version string

func main() {
	endpoints, err := oauthflow.EndpointsFromEnv()
	// `tokendesk token` and friends, for scripts: no window.
	if len(os.Args) > 1 {
		os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, cli.Options{Endpoints: endpoints, EndpointsError: err, Version: version}))
	}
	a := app.NewWithID(gui.AppID)
	w := a.NewWindow("TokenDesk")
	w.SetContent(gui.Create(a, w, gui.Deps{Endpoints: endpoints, EndpointsError: err, Version: version}))
	w.ShowAndRun()
}
