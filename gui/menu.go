package gui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/words"
)

func (u *UI) mainMenu() *fyne.MainMenu {
	portal, _ := url.Parse(DeveloperPortal)
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.X("menu.file", "File"),
			fyne.NewMenuItem(lang.X("menu.file.import", "Import credentials.json…"), u.chooseImport),
			fyne.NewMenuItem(lang.X("menu.file.export", "Export credentials.json…"), u.confirmExport),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.X("menu.file.forget", "Forget everything…"), u.confirmForget),
		),
		u.connectionMenu(),
		u.languageMenu(),
		fyne.NewMenu(lang.X("menu.help", "Help"),
			fyne.NewMenuItem(lang.X("menu.help.guide", "How to set up your LinkedIn app"), u.showGuide),
			fyne.NewMenuItem(lang.X("menu.help.portal", "Open the LinkedIn Developer Portal"), func() { _ = u.app.OpenURL(portal) }),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.X("about.title", "About TokenDesk"), u.showAbout),
		),
	)
}

// guideSteps is the first-time set-up, in the order the Developer Portal
// asks for things, in the language in use.
func guideSteps() []string {
	return []string{
		lang.X("guide.step1", "Open the LinkedIn Developer Portal (Help menu, or \"Where do I find these?\") and sign in."),
		lang.X("guide.step2", "Create an app, or open the one you have. LinkedIn asks for a company page and a logo."),
		lang.X("guide.step3", "On the Products tab, add \"Sign In with LinkedIn using OpenID Connect\". Add \"Share on LinkedIn\" too if you want to post. Marketing products (Community Management, Advertising, Lead Sync…) need LinkedIn's approval: TokenDesk links to where each is requested."),
		lang.X("guide.step4", "On the Auth tab, under \"Authorized redirect URLs for your app\", add the redirect URL shown in TokenDesk, exactly as it is."),
		lang.X("guide.step5", "Still on the Auth tab, copy the Client ID and the Primary Client Secret into TokenDesk."),
		lang.X("guide.step6", "Tick the products your app has, and press Connect. Sign in to LinkedIn and press Allow."),
		lang.X("guide.step7", "Press Copy token, and paste the token where you need it."),
	}
}

func (u *UI) showGuide() {
	box := container.NewVBox()
	for i, step := range guideSteps() {
		l := widget.NewLabel(string(rune('1'+i)) + ". " + step)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	d := dialog.NewCustom(lang.X("guide.title", "Set up your LinkedIn app"), lang.X("dialog.close", "Close"), box, u.win)
	d.Resize(fyne.NewSize(520, 0))
	u.showDialog(d, nil)
}

func (u *UI) showAbout() {
	icon := canvas.NewImageFromResource(Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	version := u.deps.Version
	if version == "" {
		version = words.DevelopmentBuild()
	}
	text := widget.NewLabel(lang.X("about.text", "TokenDesk {{.Version}}\n\nConnects your LinkedIn account and gives you a working access token.",
		map[string]any{"Version": version}) + "\n\n" + words.NotAffiliated() + "\n" + lang.X("about.trademark", "LinkedIn is a trademark of LinkedIn Corporation."))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.X("about.title", "About TokenDesk"), lang.X("dialog.close", "Close"), container.NewBorder(nil, nil, container.NewVBox(icon), nil, text), u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.showDialog(d, nil)
}

// LanguagePreference is where the language chosen in the Language menu is
// remembered ("" : the system's). main reads it at start (words.Use).
const LanguagePreference = "language"

// languageMenu chooses the window's language: the system's, or one of
// TokenDesk's, each named in itself. The choice is remembered and takes
// effect at the next start.
func (u *UI) languageMenu() *fyne.Menu {
	chosen := u.app.Preferences().String(LanguagePreference)
	items := []*fyne.MenuItem{}
	add := func(label, tag string) {
		item := fyne.NewMenuItem(label, func() { u.chooseLanguage(tag) })
		item.Checked = chosen == tag
		items = append(items, item)
	}
	add(lang.X("menu.language.system", "The system's language"), "")
	items = append(items, fyne.NewMenuItemSeparator())
	for _, l := range words.Languages {
		add(l.Name, l.Tag)
	}
	return fyne.NewMenu(lang.X("menu.language", "Language"), items...)
}

// chooseLanguage remembers tag ("" : the system's) as the window's
// language, and says that it takes effect at the next start.
func (u *UI) chooseLanguage(tag string) {
	u.app.Preferences().SetString(LanguagePreference, tag)
	u.win.SetMainMenu(u.mainMenu()) // the tick moves
	if tag == words.InUse() || tag == "" && words.Closest(string(lang.SystemLocale())) == words.InUse() {
		return
	}
	u.showMessage(lang.X("language.restart.title", "Language changed"),
		lang.X("language.restart.message", "TokenDesk will use the language you chose the next time it starts."),
		lang.X("language.restart.hint", "Close TokenDesk and open it again to switch now."), "")
}
