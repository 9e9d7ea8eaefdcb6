package gui

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// It still fits (#18): German and French run about a third longer than
// English. In every language the window speaks, every screen and the main
// dialogs, at the default window size, show all their buttons and labels
// whole: the window's content needs no more room than the window has, no
// label, button or text is narrower than it needs (cut) or shortened with
// an ellipsis, nothing lies outside the window, and every menu fits. In
// German and French each screen is also a golden image (testdata/de,
// testdata/fr), looked at before it was committed; after an intended
// change, look at testdata/failed/ and copy it over.
func TestScreensFitEveryLanguage(t *testing.T) {
	for _, l := range words.Languages {
		t.Run(l.Tag, func(t *testing.T) {
			inLanguage(t, l.Tag)
			golden := l.Tag == "de" || l.Tag == "fr"
			seen, tooWide := 0, 0
			walkScreens(t, func(h *harness, name string) {
				t.Helper()
				seen++
				layOut(h)
				if !assertFits(t, h, name, knownTooWide[l.Tag]) {
					tooWide++
				}
				if img := capture(h); golden && img != nil {
					test.AssertImageMatches(t, filepath.Join(l.Tag, name+".png"), img, "%s in %s", name, l.Tag)
				}
			})
			if seen < 15 {
				t.Errorf("only %d screens were looked at", seen)
			}
			if knownTooWide[l.Tag] != "" && tooWide == 0 {
				t.Errorf("%s fits now: take it out of knownTooWide", l.Tag)
			}
		})
	}
}

// knownTooWide are the languages whose form is known to be wider than the
// default window, and why: the test logs it rather than fails, and fails
// once it fits, so that the entry goes. Reported in #18; the fix is in
// the translation (a shorter label) or the form (a product's name that
// wraps), not here.
var knownTooWide = map[string]string{}

// languageMu is held by a test that switched the words' language, which is
// the process's: a test run in parallel would read the wrong words.
var languageMu sync.Mutex

// inLanguage makes tag the window's language for the rest of the test,
// and English again after it.
func inLanguage(t *testing.T, tag string) {
	t.Helper()
	if !languageMu.TryLock() {
		t.Fatal("two tests switch the window's language at once: the language is the whole process's")
	}
	if got := words.Use(tag); got != tag {
		languageMu.Unlock()
		t.Fatalf("words.Use(%q) = %q", tag, got)
	}
	t.Cleanup(func() {
		words.Use("en")
		languageMu.Unlock()
	})
}

// The tests of this package share process-wide state (the words' language,
// Fyne's current app): none may run in parallel with another.
func TestNoTestRunsInParallel(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no test files found", err)
	}
	parallel := regexp.MustCompile(`\.Parallel\(\)`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if parallel.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "//") && !strings.Contains(line, "regexp") {
				t.Errorf("%s:%d runs a test in parallel: the words' language and Fyne's app are the process's", f, i+1)
			}
		}
	}
}

// walkScreens takes the window through each of its screens and main
// dialogs, calling see at each with the state's name. The clock, the token
// shown and the member are fixed, so that each state looks the same on
// every run.
func walkScreens(t *testing.T, see func(h *harness, name string)) {
	h := newHarness(t, withAppScopes(everyProduct...))
	h.fake.SetClock(func() time.Time { return testNow })
	lightTheme(t)
	s := h.ui.setup

	// The form, on a first start, and its menus.
	see(h, "setup")
	assertMenusFit(t, h)

	// The form with every field's problem and a problem banner.
	s.touchAll()
	s.banner.showError(&oauthflow.Error{Kind: oauthflow.KindCancelledLogin, Reason: oauthflow.ReasonLoginCancelled})
	see(h, "setup_problem")
	s.banner.hide()
	s.untouch()

	// The dialogs the form's menus open.
	h.ui.showGuide()
	see(h, "guide")
	h.closeDialog()
	h.ui.showAbout()
	see(h, "about")
	h.closeDialog()

	// Waiting for the browser, then with the paste field (and what it says
	// of an address that is not one).
	h.pressConnect(h.redirect)
	<-h.opened
	see(h, "waiting")
	test.Tap(h.ui.waiting.cancel)
	h.settle()
	h.assertForm()
	h.pressConnect(pasteRedirect)
	<-h.opened
	see(h, "waiting_paste")
	test.Type(h.ui.waiting.pasteEntry, "not an address")
	test.Tap(h.ui.waiting.pasteGo)
	h.settle()
	if !h.ui.waiting.pasteProblem.Visible() {
		t.Fatal("no paste problem shown")
	}
	see(h, "waiting_paste_problem")
	test.Tap(h.ui.waiting.cancel)
	h.settle()
	h.assertForm()

	// Connected, with who is connected, then with the check's answer.
	h.connect()
	h.assertMember()
	c := h.ui.connected
	fixToken(h)
	see(h, "connected")
	test.Tap(c.check)
	h.settle()
	if !c.checked.Visible() {
		t.Fatal("the check's answer is not shown")
	}
	see(h, "connected_checked")
	test.Tap(c.copyAs)
	see(h, "copy_as")
	h.win.Canvas().Overlays().Top().Hide()

	// The connected screen's and the Connection menu's dialogs.
	test.Tap(c.clear)
	h.settle()
	h.assertDialog("")
	see(h, "clear")
	h.closeDialog()
	h.ui.confirmDelete()
	h.settle()
	h.assertDialog("")
	see(h, "delete")
	h.closeDialog()
	h.ui.confirmExport()
	see(h, "export")
	h.closeDialog()
	h.ui.askNewConnection()
	h.settle()
	h.assertDialog("")
	see(h, "new_connection")
	h.closeDialog()
	h.ui.askRename()
	h.settle()
	h.assertDialog("")
	see(h, "rename")
	h.closeDialog()
	h.ui.confirmForget()
	h.settle()
	h.assertDialog("")
	see(h, "forget")
	h.closeDialog()
	h.ui.showCleared()
	h.settle()
	h.assertDialog("")
	see(h, "cleared")
	h.closeDialog()
	// A problem in a dialog, as a failed rename shows it.
	h.ui.showProblem(lang.X("connections.rename.failed", "The connection could not be renamed"), &store.Error{Reason: store.ReasonNameTaken, Name: "Acme"})
	h.settle()
	h.assertDialog("")
	see(h, "problem")
	h.closeDialog()
	// The Language menu's note, for a language other than the one in use.
	other := "de"
	if words.InUse() == other {
		other = "fr"
	}
	h.ui.chooseLanguage(other)
	h.settle()
	h.assertDialog("")
	see(h, "language_changed")
	h.closeDialog()
	h.app.Preferences().SetString(LanguagePreference, "")

	// From 7 days before it expires, the warning and Reconnect now.
	h.restartWithExpiry(testNow.Add(3 * 24 * time.Hour))
	lightTheme(t)
	h.settle()
	h.assertMember()
	fixToken(h)
	see(h, "connected_expiring")

	// Several connections: the bar, with another's expired token one click
	// away, and its list.
	h.closeWindow()
	st := h.openStore()
	ctx := context.Background()
	set := oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect, Scopes: []string{"openid", "profile"}}
	for _, c := range []struct {
		name, member string
		expires      time.Duration // 0: not connected
	}{
		{"Acme company page", "Grace Hopper", 40 * 24 * time.Hour},
		{"Marketing Europe", "Margaret Hamilton", -time.Hour},
		{"Newsletter", "", 0},
	} {
		id, err := st.Add(ctx, c.name, set)
		if err != nil {
			t.Fatal(err)
		}
		if c.expires != 0 {
			tok := oauthflow.Token{AccessToken: "AQV-" + id, ExpiresAt: testNow.Add(c.expires), Scopes: set.Scopes}
			if err := st.Conn(id).SaveToken(ctx, tok, c.member); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.start()
	lightTheme(t)
	h.settle()
	h.assertMember()
	fixToken(h)
	if !h.ui.bar.urgent.Visible() {
		t.Error("the bar does not offer the expired connection")
	}
	see(h, "connections")
	test.Tap(h.ui.bar.pick)
	see(h, "connections_list")
	h.win.Canvas().Overlays().Top().Hide()

	// What LinkedIn's Token Inspector says of a token it no longer accepts:
	// the banner with Connect again.
	h.fake.Revoke(h.fake.Issued()[0].AccessToken)
	test.Tap(h.ui.connected.check)
	h.settle()
	if !h.ui.connected.rejectedBox.Visible() {
		t.Fatal("the check's answer is not shown")
	}
	see(h, "connected_revoked")
	if l, _ := st.List(ctx); len(l.Connections) != 4 {
		t.Errorf("%d connections; want 4", len(l.Connections))
	}

	// What a token with every product can do, and its IDs, scrolled to.
	h.fake.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Corp", Role: "ADMINISTRATOR", Events: 1})
	h.fake.SetAdAccounts(fakelinkedin.AdAccount{ID: 512345678, Name: "Acme Ads", Role: "VIEWER", Conversions: 1})
	h.startWithToken(everyProduct)
	lightTheme(t)
	fixToken(h)
	if h.ui.connected.checks == nil || len(h.ui.connected.checks.copies) != 3 {
		t.Fatal("the check's IDs are not shown")
	}
	layOut(h)
	h.ui.connected.scroll.ScrollToBottom()
	see(h, "connected_ids")
}

// layOut lays the window out again, as the desktop driver does at its next
// frame: the test canvas does not when a hidden part is shown (the
// member's picture).
// A pass lays out each container with its children's minimum sizes as
// they were: a few passes settle a change deep in the tree, as the
// driver's frames do.
func layOut(h *harness) {
	for range 3 {
		h.ui.root.Refresh()
		for _, o := range h.win.Canvas().Overlays().List() {
			o.Refresh()
		}
	}
}

// capture is the image the window shows, or nil when Fyne's software
// painter cannot draw it (it panics on a widget squeezed to a negative
// size, which a window too narrow for its content has).
func capture(h *harness) (img image.Image) {
	defer func() {
		if recover() != nil {
			img = nil
		}
	}()
	return h.win.Canvas().Capture()
}

// fixToken shows a fixed token in place of the fake LinkedIn's random one,
// masked as the screen masks it, so that the golden images are stable.
func fixToken(h *harness) {
	h.ui.connected.tokenText.SetText(words.MaskToken("AQVgoldenTokenValue0123456789abcdefXYZ9"))
}

// closeDialog closes the dialog on top, as Escape does.
func (h *harness) closeDialog() {
	h.t.Helper()
	if len(h.ui.dialogs) == 0 {
		h.t.Fatal("no dialog is showing")
	}
	h.ui.dialogs[len(h.ui.dialogs)-1].d.Hide()
}

// lightTheme draws the test app in Fyne's default theme, light, as the
// README's screenshots are: the test theme has the same sizes, and
// colours that are harder on the eye of someone checking an image.
func lightTheme(t *testing.T) { test.ApplyTheme(t, light{theme.DefaultTheme()}) }

type light struct{ fyne.Theme }

func (l light) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

// assertFits checks the window as it is: its content's minimum size fits
// the window, every dialog or pop-up on top fits, and no widget is cut.
// It reports whether the content fits the window's width; when it is
// known not to (known: why), that is logged, not failed.
func assertFits(t *testing.T, h *harness, name, known string) (fits bool) {
	t.Helper()
	fits = true
	c := h.win.Canvas()
	size := c.Size()
	if size.Width < defaultWidth || size.Height < defaultHeight {
		t.Fatalf("%s: the window is %v, not the default %vx%v", name, size, defaultWidth, defaultHeight)
	}
	if m := h.ui.root.MinSize(); known != "" && m.Width > size.Width && m.Height <= size.Height {
		fits = false
		t.Logf("%s: KNOWN, %s: the window's content needs %s; the window is %s (the widest: %s)", name, known, sizeString(m), sizeString(size), widest(h.ui.root))
	} else if m.Width > size.Width || m.Height > size.Height {
		fits = false
		t.Errorf("%s: the window's content needs %s; the window is %s (the widest: %s)", name, sizeString(m), sizeString(size), widest(h.ui.root))
	}
	for _, o := range c.Overlays().List() {
		if !o.Visible() {
			continue
		}
		if p, ok := o.(*widget.PopUp); ok {
			if m := p.Content.MinSize(); m.Width > size.Width || m.Height > size.Height {
				t.Errorf("%s: a dialog needs %v; the window is %v", name, m, size)
			}
		}
		if m := o.MinSize(); m.Width > size.Width || m.Height > size.Height {
			t.Errorf("%s: a pop-up needs %v; the window is %v", name, m, size)
		}
	}
	// The image the window would show: every renderer laid out.
	if capture(h) == nil {
		t.Errorf("%s: the window cannot be drawn: something is squeezed below nothing", name)
		return false
	}
	for _, p := range cutWidgets(c) {
		if !fits && strings.Contains(p, "lies outside the window") {
			continue // said above
		}
		t.Errorf("%s: %s", name, p)
	}
	return fits
}

const slack = 0.5 // rounding of float sizes

// cutWidgets lists what is cut on canvas c: a widget smaller than its
// minimum size, or outside the window, and a text drawn shorter than it is
// (Fyne's ellipsis).
func cutWidgets(c fyne.Canvas) []string {
	var cut []string
	win := c.Size()
	skip := map[fyne.CanvasObject]bool{}
	var walk func(o fyne.CanvasObject, at fyne.Position, scrolled bool)
	walk = func(o fyne.CanvasObject, at fyne.Position, scrolled bool) {
		if o == nil || !o.Visible() || skip[o] {
			return
		}
		pos := at.Add(o.Position())
		size := o.Size()
		if p, ok := o.(*widget.PopUp); ok {
			// A dialog's title: Fyne's dialog layout leaves it unsized
			// (it draws past its size), and makes the dialog as wide as it.
			if title := dialogTitle(p); title != nil {
				if w := title.MinSize().Width; w > p.Content.Size().Width+slack {
					cut = append(cut, "the dialog's title "+quote(title.Text)+" is cut")
				}
				skip[title] = true
			}
		}
		if w, ok := o.(fyne.Widget); ok && !strings.HasSuffix(fmt.Sprintf("%T", o), ".OverlayContainer") {
			what := describe(w)
			min := w.MinSize()
			if _, isScroll := o.(*container.Scroll); !isScroll && (min.Width > size.Width+slack || min.Height > size.Height+slack) {
				cut = append(cut, what+" is cut: needs "+sizeString(min)+", has "+sizeString(size))
			}
			if pos.X < -slack || pos.X+size.Width > win.Width+slack || (!scrolled && (pos.Y < -slack || pos.Y+size.Height > win.Height+slack)) {
				cut = append(cut, what+" lies outside the window: at "+sizeString(fyne.NewSize(pos.X, pos.Y))+", "+sizeString(size))
			}
			if rt, ok := o.(*widget.RichText); ok {
				if drawn := drawnText(rt); squeeze(drawn) != squeeze(rt.String()) {
					cut = append(cut, "text "+quote(rt.String())+" is drawn as "+quote(drawn))
				}
			}
			if _, isEntry := o.(*widget.Entry); isEntry {
				return // its text scrolls inside it
			}
			if _, isEntry := o.(*escEntry); isEntry {
				return
			}
		}
		_, isScroll := o.(*container.Scroll)
		for _, child := range children(o) {
			walk(child, pos, scrolled || isScroll)
		}
	}
	walk(c.Content(), fyne.Position{}, false)
	for _, o := range c.Overlays().List() {
		walk(o, fyne.Position{}, false)
	}
	return cut
}

// widest names the widest of the widgets that show text, as it needs.
func widest(o fyne.CanvasObject) string {
	best, bestWidth := "none", float32(0)
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch o.(type) {
		case *widget.Label, *widget.Button, *widget.Check, *widget.Hyperlink, *widget.Select:
			if w := o.MinSize().Width; w > bestWidth {
				best, bestWidth = describe(o.(fyne.Widget))+" needs "+sizeString(o.MinSize()), w
			}
			return
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(o)
	return best
}

// dialogTitle is the title of a Fyne dialog shown in p, if it is one.
func dialogTitle(p *widget.PopUp) *widget.Label {
	if c, ok := p.Content.(*fyne.Container); ok && len(c.Objects) == 5 {
		if l, ok := c.Objects[4].(*widget.Label); ok && l.TextStyle.Bold {
			return l
		}
	}
	return nil
}

// drawnText is the text a RichText's renderer draws.
func drawnText(rt *widget.RichText) string {
	var sb strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok {
			sb.WriteString(t.Text)
			return
		}
		for _, child := range children(o) {
			walk(child)
		}
	}
	for _, o := range test.WidgetRenderer(rt).Objects() {
		walk(o)
	}
	return sb.String()
}

// describe names a widget by its type and text, for a failure.
func describe(w fyne.Widget) string {
	kind := strings.TrimPrefix(fmt.Sprintf("%T", w), "*")
	switch x := w.(type) {
	case *widget.Label:
		return kind + " " + quote(x.Text)
	case *widget.Button:
		return kind + " " + quote(x.Text)
	case *widget.Check:
		return kind + " " + quote(x.Text)
	case *widget.Hyperlink:
		return kind + " " + quote(x.Text)
	case *widget.Select:
		return kind + " " + quote(x.Selected)
	case *widget.RichText:
		return kind + " " + quote(x.String())
	}
	return kind
}

func quote(s string) string {
	if len([]rune(s)) > 70 {
		s = string([]rune(s)[:70]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func sizeString(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }

// assertMenusFit checks the window's menus: the bar of their titles, as
// the desktop driver draws it in the window (Linux, Windows), fits the
// window's width, and each menu, open, fits the window.
func assertMenusFit(t *testing.T, h *harness) {
	t.Helper()
	win := h.win.Canvas().Size()
	th := theme.DefaultTheme()
	pad := th.Size(theme.SizeNameInnerPadding)
	textSize := th.Size(theme.SizeNameText)
	var bar float32
	for _, m := range h.ui.mainMenu().Items {
		bar += fyne.MeasureText(m.Label, textSize, fyne.TextStyle{}).Width + 2*pad
		if s := widget.NewMenu(m).MinSize(); s.Width > win.Width || s.Height > win.Height {
			t.Errorf("the menu %q needs %s; the window is %s", m.Label, sizeString(s), sizeString(win))
		}
	}
	if bar > win.Width {
		t.Errorf("the menu bar needs %.0f; the window is %.0f wide", bar, win.Width)
	}
	if s := widget.NewMenu(h.ui.connectionMenu()).MinSize(); s.Width > win.Width {
		t.Errorf("the connection menu needs %s", sizeString(s))
	}
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Nothing left in English (#18): in every language the window speaks,
// each screen and main dialog the fit test takes it through says every
// word a person reads in that language. The texts are collected in English
// first, then in each other language, cut into pieces (lines, sentences,
// the parts around " — " and ": "); a piece the other language shows exactly as
// English does fails, unless all its letters are names or technical values
// of sameInEveryLanguage, or words that really are the same in that
// language (sameIn).
func TestNothingLeftInEnglish(t *testing.T) {
	if in := words.InUse(); in != "en" {
		t.Fatalf("the words are in %q, not English", in)
	}
	english := map[string]bool{}
	seen := 0
	notified := 0
	walkScreens(t, func(h *harness, name string) {
		seen++
		notified = len(h.notifications())
		for _, text := range append(readTexts(h), outside(h)...) {
			for _, p := range pieces(text) {
				english[p] = true
			}
		}
	})
	if notified == 0 {
		t.Fatal("the walk sent no notification to read")
	}
	for _, text := range later() {
		for _, p := range pieces(text) {
			english[p] = true
		}
	}
	if seen < 15 || len(english) < 100 {
		t.Fatalf("only %d screens and %d pieces of English text were read", seen, len(english))
	}
	for _, l := range words.Languages[1:] {
		t.Run(l.Tag, func(t *testing.T) {
			inLanguage(t, l.Tag)
			said := map[string]bool{}
			check := func(name string, texts []string) {
				t.Helper()
				for _, text := range texts {
					for _, p := range pieces(text) {
						if english[p] && !said[p] && !namesOnly(p, l.Tag) {
							said[p] = true
							t.Errorf("%s: %q is still in English", name, p)
						}
					}
				}
			}
			walkScreens(t, func(h *harness, name string) {
				check(name, readTexts(h))
				check(name+", outside the window", outside(h))
			})
			check("waiting, minutes later", later())
		})
	}
}

// outside are the words TokenDesk says outside its window: the
// notifications it sent, and the browser's page at the end of a sign-in
// (connected, and each way it can go wrong).
func outside(h *harness) []string {
	var out []string
	for _, n := range h.notifications() {
		out = append(out, n.Title, n.Content)
	}
	for _, outcome := range []error{nil,
		&oauthflow.Error{Kind: oauthflow.KindStateMismatch, Reason: oauthflow.ReasonLinkStale},
		&oauthflow.Error{Kind: oauthflow.KindFlowOver, Reason: oauthflow.ReasonLinkUsed},
		&oauthflow.Error{Kind: oauthflow.KindCancelledAuthorize, Reason: oauthflow.ReasonAccessDenied},
	} {
		p := words.BrowserPage(outcome)
		out = append(out, p.Title, p.Message, p.Hint, p.Footer)
	}
	return out
}

// later are texts the walk's screens show only as time passes: the waiting
// sign's minutes.
func later() []string {
	return []string{waitWords(time.Minute), waitWords(3 * time.Minute)}
}

// readTexts is every text a person reads in the window as it is: its
// labels, buttons, checks, links, rich text, entries' placeholders (not
// what was typed), selects' choices, the dialogs and pop-up menus on top,
// and the main menu's titles and items.
func readTexts(h *harness) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return
		case *widget.Button:
			out = append(out, w.Text)
			return
		case *widget.Check:
			out = append(out, w.Text)
			return
		case *widget.Hyperlink:
			out = append(out, w.Text)
			return
		case *widget.RichText:
			out = append(out, w.String())
			return
		case *widget.Select:
			out = append(out, w.PlaceHolder, w.Selected)
			out = append(out, w.Options...)
			return
		case *widget.Entry:
			out = append(out, w.PlaceHolder)
			return
		case *escEntry:
			out = append(out, w.PlaceHolder)
			return
		case *canvas.Text: // in a widget not above: a pop-up menu's item
			out = append(out, w.Text)
			return
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(h.win.Canvas().Content())
	for _, o := range h.win.Canvas().Overlays().List() {
		walk(o)
	}
	var menu func(m *fyne.Menu)
	menu = func(m *fyne.Menu) {
		out = append(out, m.Label)
		for _, it := range m.Items {
			out = append(out, it.Label)
			if it.ChildMenu != nil {
				menu(it.ChildMenu)
			}
		}
	}
	for _, m := range h.ui.mainMenu().Items {
		menu(m)
	}
	return out
}

// pieces cuts a text into what is compared: its lines, the parts around
// " — " (a connection's name and its state) and ": ", and its sentences.
func pieces(text string) []string {
	text = strings.ReplaceAll(text, " — ", "\n")
	for _, end := range []string{". ", "? ", "! ", ": "} {
		text = strings.ReplaceAll(text, end, strings.TrimSpace(end)+"\n")
	}
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// namesOnly reports whether piece p, shown alike in English and in
// language tag, has no letters but those of names and technical values
// (numbers, and dates that happen to coincide, have none), or is a word
// that really is the same in that language.
func namesOnly(p, tag string) bool {
	for _, same := range sameIn[tag] {
		if p == same {
			return true
		}
	}
	for _, re := range technical {
		p = re.ReplaceAllString(p, "")
	}
	for _, name := range sameInEveryLanguage() {
		p = strings.ReplaceAll(p, name, "")
	}
	return !strings.ContainsFunc(p, unicode.IsLetter)
}

// technical are values no language translates: addresses, e-mail
// addresses, LinkedIn's URNs.
var technical = []*regexp.Regexp{
	regexp.MustCompile(`https?://\S+`),
	regexp.MustCompile(`urn:li:[\w:]+`),
	regexp.MustCompile(`[\w.+-]+@[\w.-]+`),
}

// sameInEveryLanguage are the names and technical values the window shows
// as they are in every language, longest first (so that "LinkedIn-Version"
// goes before "LinkedIn").
func sameInEveryLanguage() []string {
	names := []string{
		// Names: the app, LinkedIn, and the fields and tab of LinkedIn's
		// Developer Portal (in English only), which each translation names
		// as the portal shows them ("Kopieren Sie die Client ID und das
		// Primary Client Secret").
		"TokenDesk", "LinkedIn", "Client ID", "Primary Client Secret",
		// The first connection's stored name, also its ID, shown as
		// "default — …" in every language: the name the command line
		// knows it by (store.DefaultConnection), not a word to translate.
		store.DefaultConnection,
		// A header's name and what LinkedIn-Version holds (YYYYMM, a
		// number).
		"LinkedIn-Version", "Authorization", "Bearer",
		// Copy as…'s programming languages, the library and the runtime
		// they need, and the variable the programs read: names.
		"Python (requests)", "JavaScript (fetch, Node.js 18+)", "LINKEDIN_ACCESS_TOKEN",
		// The test's data: its app, version, token (masked as the
		// screen shows it), member and connections (walkScreens).
		testClientID, "78abcdefgh1234", "1.0.0-test",
		words.MaskToken("AQVgoldenTokenValue0123456789abcdefXYZ9"),
		fakelinkedin.DefaultMember.Name,
		"Acme company page", "Marketing Europe", "Newsletter", "Grace Hopper", "Margaret Hamilton",
		"Acme Corp", "Acme Ads",
	}
	// LinkedIn's products and their permissions, as products.json names
	// them (LinkedIn's own names, in English in every language).
	for _, p := range linkedin.Products() {
		names = append(names, p.Name)
		names = append(names, p.Scopes...)
	}
	// The Language menu names each language in itself.
	for _, l := range words.Languages {
		names = append(names, l.Name)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return names
}

// sameIn are the words that really are the same in a language as in
// English: the whole piece, not a part of it.
var sameIn = map[string][]string{
	// "OK": the button's word in these languages' programs (Spanish
	// writes "Aceptar"). "Details": the German and Dutch word too.
	"de":    {"Name", "OK", "Details"},
	"es":    {"No"},
	"fr":    {"OK"},
	"pt-BR": {"OK"},
	"it":    {"No", "File", "OK"},      // "File": the menu's name in Italian programs
	"nl":    {"Help", "OK", "Details"}, // "Help": the menu's name in Dutch programs
}
