// Package gui is TokenDesk's window. It knows nothing of HTTP: it asks
// oauthflow to connect and shows what happened.
package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// AppID is TokenDesk's reverse-DNS identity, used for its settings folder.
const AppID = "io.github.tokendesk"

// Create builds the window's content for app a and window w.
func Create(a fyne.App, w fyne.Window) fyne.CanvasObject {
	w.Resize(fyne.NewSize(560, 420))
	title := widget.NewLabelWithStyle("TokenDesk", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	note := widget.NewLabel("Connect a LinkedIn account and get a working access token.")
	note.Alignment = fyne.TextAlignCenter
	return container.NewCenter(container.NewVBox(title, note))
}
