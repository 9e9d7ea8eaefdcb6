// Package gui is TokenDesk's window. It knows nothing of HTTP: it asks
// oauthflow to connect, keeps what it gets in the store, and shows it.
//
// The window has three screens, one file each: setup.go (the form),
// waiting.go (signing in in the browser) and connected.go (the token).
// Widgets are changed on the UI goroutine only; work that waits runs in a
// goroutine and reports back through fyne.Do.
package gui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"github.com/pkg/browser"

	"github.com/tokendesk/tokendesk/assets"
	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/store"
)

// AppID is TokenDesk's reverse-DNS identity.
const AppID = "io.github.tokendesk"

// Default window size: the form fits without scrolling.
const (
	defaultWidth  = 640
	defaultHeight = 620
)

// Deps is what the window works with. Tests replace each part; the zero
// value of every field is the real thing.
type Deps struct {
	// OpenStore opens the settings and secrets store. It may wait for a
	// keychain prompt, so it runs off the UI goroutine.
	OpenStore func(ctx context.Context) (*store.Store, []store.Notice, error)
	Endpoints linkedin.Endpoints
	// EndpointsError is a refused LINKEDIN_OAUTH_URL / LINKEDIN_API_URL:
	// the window shows it and does not connect anywhere else instead.
	EndpointsError error
	OpenURL        func(url string) error // opens the system browser
	Now            func() time.Time
	Version        string
}

// Icon is the app's icon as a Fyne resource, at the size a window shows it.
var Icon = fyne.NewStaticResource("icon.png", assets.WindowIcon)

// UI is the window's state. Its fields are touched on the UI goroutine only.
type UI struct {
	app  fyne.App
	win  fyne.Window
	deps Deps
	root *fyne.Container

	store *store.Store
	conn  *connection.Connection // the work on the token shown, below the screens; replaced with the connection
	state state                  // the connection shown, its settings and token, with one owner

	screens *fyne.Container // the screen in front
	bar     *connectionBar  // the connections, above the screens
	barSlot *fyne.Container // where the bar goes once loaded

	setup     *setupScreen
	waiting   *waitingScreen
	connected *connectedScreen

	// Following what is saved (follow.go): the window's own work in
	// flight, a read under way, and one asked for meanwhile.
	inFlight     int
	reading      bool
	followAgain  bool
	stopWatching context.CancelFunc
	// checkCancel stops the check of the token shown under way (checks.go).
	checkCancel context.CancelFunc
	// closingSaves is done when what closing saves is saved; saving counts
	// that and the sign-ins being finished (WaitForSaves).
	closingSaves chan struct{}
	saving       sync.WaitGroup

	dialogs []*keyedDialog // shown, the newest last: it answers Enter and Escape

	// tick (non-zero) lets the waiting sign count the minutes, and flashFor the "Copied"
	// confirmations; tests set both to zero so no timer touches widgets
	// behind their back.
	tick         time.Duration
	flashFor     time.Duration
	helpAfter    time.Duration // when the waiting screen says what the browser may show (stophelp.go); 0: never
	recountEvery time.Duration // how often the expiry is said again

	// do runs a function on the UI goroutine: fyne.Do. Tests queue it to
	// run on the test goroutine, which plays the UI goroutine there.
	do func(func())
}

// Create builds the window for app a and window w, and starts loading what
// was saved. Its Content goes in the window; WaitForSaves, once the window
// is closed.
func Create(a fyne.App, w fyne.Window, deps Deps) *UI {
	u := newUI(a, w, deps)
	u.start()
	return u
}

// Content is what the window shows.
func (u *UI) Content() fyne.CanvasObject { return u.root }

func newUI(a fyne.App, w fyne.Window, deps Deps) *UI {
	if deps.OpenStore == nil {
		deps.OpenStore = func(ctx context.Context) (*store.Store, []store.Notice, error) {
			return store.Open(ctx, store.Options{})
		}
	}
	if deps.OpenURL == nil {
		deps.OpenURL = browser.OpenURL
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Version == "" {
		deps.Version = a.Metadata().Version
	}
	u := &UI{app: a, win: w, deps: deps, conn: connection.New(nil, deps.Endpoints, deps.Now), do: fyne.Do, tick: 2 * time.Second, flashFor: 2 * time.Second, recountEvery: 10 * time.Minute, helpAfter: helpAfter}
	u.setup = newSetupScreen(u)
	u.bar = newConnectionBar(u)
	u.screens = container.NewStack(u.setup.content)
	// The bar goes in once what was saved is loaded (load.go): it has
	// nothing to list before, and a first frame without it maps sooner.
	u.barSlot = container.NewStack()
	u.root = container.NewBorder(u.barSlot, nil, nil, nil, u.screens)

	a.SetIcon(Icon)
	w.SetIcon(Icon)
	w.SetMainMenu(u.mainMenu())
	w.Resize(u.savedSize())
	w.SetOnDropped(u.dropped)
	w.Canvas().SetOnTypedKey(u.typedKey)
	w.SetOnClosed(u.closing)
	// A connection made or signed in from the command line meanwhile shows
	// in the bar when the person comes back to the window.
	// The same for the token shown, if watching the folder is not possible.
	a.Lifecycle().SetOnEnteredForeground(u.follow)

	u.setup.setLoading(true)
	return u
}

// start loads what was saved, in the background.
func (u *UI) start() { u.load() }

// waitingUI and connectedUI build those screens on first use: a window
// that opens on the form starts faster and smaller without them.
func (u *UI) waitingUI() *waitingScreen {
	if u.waiting == nil {
		u.waiting = newWaitingScreen(u)
	}
	return u.waiting
}

func (u *UI) connectedUI() *connectedScreen {
	if u.connected == nil {
		u.connected = newConnectedScreen(u)
	}
	return u.connected
}

// show puts a screen in the window.
func (u *UI) show(screen fyne.CanvasObject) {
	u.screens.Objects = []fyne.CanvasObject{screen}
	u.screens.Refresh()
}

// typedKey handles keys typed outside an entry: Enter and Escape answer
// the dialog on top, if any; otherwise Escape cancels a sign-in.
func (u *UI) typedKey(ev *fyne.KeyEvent) {
	if u.dialogKey(ev) {
		return
	}
	if ev.Name == fyne.KeyEscape && u.state.signIn != nil {
		u.cancelFlow()
	}
}

// closing runs when the window closes: a sign-in in progress is stopped
// (its port is free when Close returns), and what was typed is kept.
func (u *UI) closing() {
	if f := u.state.signIn; f != nil {
		u.setSignIn(nil) // first: Close wakes the goroutine that reads it
		f.Close()
	}
	if u.waiting != nil {
		u.waiting.help.stop()
	}
	size := u.win.Canvas().Size()
	if size.Width > 100 && size.Height > 100 {
		u.app.Preferences().SetFloat("window.width", float64(size.Width))
		u.app.Preferences().SetFloat("window.height", float64(size.Height))
	}
	if u.stopWatching != nil {
		u.stopWatching()
	}
	u.stopCheck()
	if c := u.here(); c != nil && u.formEdited() {
		// Off the UI goroutine: a hung keychain must not freeze the window
		// as it closes. main waits for it (WaitForSaves) before it exits.
		done, base, set := make(chan struct{}), u.state.saved, u.state.settings
		u.closingSaves = done
		u.saving.Add(1)
		go func() {
			defer u.saving.Done()
			defer close(done)
			ctx, cancel := context.WithTimeout(context.Background(), closingSaveTimeout)
			defer cancel()
			_ = c.SaveEdits(ctx, base, set) // only over what the form showed
		}()
	}
}

// closingSaveTimeout bounds the save of an edited form when the window
// closes: a keychain that does not answer by then keeps what it had.
const closingSaveTimeout = 5 * time.Second

// WaitForSaves waits for what is being saved as the window closes: the
// form, and a sign-in whose token has arrived (its save outlives the
// window: the token is not asked for twice). main calls it once the window
// is closed, before the process exits; it waits at most as long as the
// store waits for the keychain.
func (u *UI) WaitForSaves() {
	done := make(chan struct{})
	go func() { u.saving.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(store.DefaultTimeout):
	}
}

func (u *UI) savedSize() fyne.Size {
	p := u.app.Preferences()
	w := float32(p.FloatWithFallback("window.width", defaultWidth))
	h := float32(p.FloatWithFallback("window.height", defaultHeight))
	if w < 400 || h < 400 {
		return fyne.NewSize(defaultWidth, defaultHeight)
	}
	return fyne.NewSize(w, h)
}

// background runs work off the UI goroutine with a timeout (0: none, for
// what a person finishes, such as a sign-in), then done on the UI
// goroutine: the one way the window starts a goroutine that reports back.
// While it runs, following what is saved waits (follow.go): the work shows
// its own result first.
func (u *UI) background(timeout time.Duration, work func(ctx context.Context) error, done func(error)) {
	u.inFlight++
	go func() {
		ctx, cancel := context.WithCancel(context.Background())
		if timeout > 0 {
			ctx, cancel = context.WithTimeout(context.Background(), timeout)
		}
		defer cancel()
		err := work(ctx)
		u.do(func() {
			u.inFlight--
			done(err)
			if u.inFlight == 0 && u.followAgain {
				u.follow()
			}
		})
	}()
}
