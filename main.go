// Command tokendesk is a desktop app that connects a LinkedIn account and
// gives the person a working access token, without a terminal.
//
// TokenDesk is not affiliated with or endorsed by LinkedIn.
package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/cli"
	"github.com/tokendesk/tokendesk/gui"
	"github.com/tokendesk/tokendesk/internal/gchold"
	"github.com/tokendesk/tokendesk/internal/heapprofile"
	"github.com/tokendesk/tokendesk/internal/quietlocale"
	"github.com/tokendesk/tokendesk/internal/single"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// version is set by release builds (-ldflags "-X main.version=…", see
// scripts/dist.sh); every other build, the Windows .exe that `fyne package`
// builds among them, takes it from FyneApp.toml, embedded, so that
// `tokendesk --version` says it everywhere.
var version string

//go:embed FyneApp.toml
var fyneAppToml []byte

// appVersion is version, or else FyneApp.toml's `Version = "…"`.
func appVersion() string {
	if version != "" {
		return version
	}
	for _, line := range strings.Split(string(fyneAppToml), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "Version" {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}

// settleTime is how long after Fyne starts its window has drawn its first
// frames and shown what was saved.
const settleTime = 1500 * time.Millisecond

// raiseTimeout is how long a second launch waits for the open window to
// answer before it says TokenDesk is already open.
const raiseTimeout = 3 * time.Second

func main() {
	endpoints, endpointsErr := linkedin.EndpointsFromEnv()
	// `tokendesk token` and friends, for scripts: no window, and no claim on
	// the window either, so they work while it is open.
	if len(os.Args) > 1 {
		quietlocale.Restore()
		words.UseForCommandLine()
		useParentConsole()
		os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, cli.Options{Endpoints: endpoints, EndpointsError: endpointsErr, Version: appVersion()}))
	}

	// One window at a time: a second double-click brings the first to the
	// front instead of fighting it over the redirect port and the files.
	claim, err := claimWindow()
	if errors.Is(err, single.ErrRunning) {
		raiseOpenWindow()
		return
	}
	if err != nil {
		// Not worth refusing to start over: carry on as before.
		fmt.Fprintln(os.Stderr, "tokendesk: cannot check for another open window:", err)
	}

	// No garbage collection while the window is built: it maps 20-30 ms
	// sooner (internal/gchold). The build allocates about 10 MB; 256 MiB
	// only bounds the unforeseen.
	releaseGC := gchold.Start(256 << 20)
	heapprofile.AtStart(3 * time.Second)
	// Fyne parses its fonts while it draws the first frames, and the saved
	// settings are read meanwhile: about 6 MB of garbage that the Go runtime
	// keeps for minutes (measured by make bench). Give it back to the
	// system once the window has settled: counted from when Fyne starts
	// drawing, not from the start of the process, which on a busy machine
	// can be over a second earlier (the garbage then came after, and stayed).
	a := app.NewWithID(gui.AppID)
	a.Lifecycle().SetOnStarted(func() { time.AfterFunc(settleTime, debug.FreeOSMemory) })
	// The window's language: the one chosen in its Language menu, or the
	// system's; only its catalogue is loaded.
	words.Use(a.Preferences().String(gui.LanguagePreference))
	w := a.NewWindow("TokenDesk")
	if claim != nil {
		defer claim.Close()
		claim.OnRaise(func() {
			fyne.Do(func() {
				w.Show()
				restoreWindow(w)
				w.RequestFocus()
			})
		})
	}
	ui := gui.Create(a, w, gui.Deps{Endpoints: endpoints, EndpointsError: endpointsErr, Version: appVersion()})
	w.SetContent(ui.Content())
	releaseGC() // collections resume as the window opens
	w.ShowAndRun()
	ui.WaitForSaves() // what closing the window saves, off its UI goroutine
}

func claimWindow() (*single.Window, error) {
	dir, err := store.DefaultDir()
	if err != nil {
		return nil, err
	}
	return single.Claim(dir)
}

// raiseOpenWindow asks the open window to come to the front; when it does
// not answer, it says so in a small window of its own.
func raiseOpenWindow() {
	dir, err := store.DefaultDir()
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), raiseTimeout)
		err = single.Raise(ctx, dir)
		cancel()
	}
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "TokenDesk is already open:", err)
	a := app.NewWithID(gui.AppID)
	words.Use(a.Preferences().String(gui.LanguagePreference)) // the open window's language
	w := a.NewWindow(lang.X("already_open.title", "TokenDesk is already open"))
	w.SetContent(container.NewVBox(
		widget.NewLabel(lang.X("already_open.message", "TokenDesk is already open. Look for its window,\nor close it and open TokenDesk again.")),
		widget.NewButton(lang.X("dialog.ok", "OK"), a.Quit),
	))
	w.ShowAndRun()
}
