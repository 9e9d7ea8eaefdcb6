// Command tokendesk is a desktop app that connects a LinkedIn account and
// gives the person a working access token, without a terminal.
//
// TokenDesk is not affiliated with or endorsed by LinkedIn.
package main

import (
	"fyne.io/fyne/v2/app"

	"github.com/tokendesk/tokendesk/gui"
	"github.com/tokendesk/tokendesk/oauthflow"
)

func main() {
	a := app.NewWithID(gui.AppID)
	w := a.NewWindow("TokenDesk")
	endpoints, err := oauthflow.EndpointsFromEnv()
	w.SetContent(gui.Create(a, w, gui.Deps{Endpoints: endpoints, EndpointsError: err}))
	w.ShowAndRun()
}
