package gui

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/words"
)

// The window's next step for an error, in its own words: words.Explain
// says what happened and what to check, words.NextStep what the person can
// do next, and the window names the button that does it here.

// connectButton is the Connect button's label, as the form shows it.
func connectButton() string { return lang.X("setup.connect", "Connect") }

// step is the window's words for next, where again is the button that does
// the same again where the error is shown ("": none here).
func step(next words.Next, again string) string {
	b := map[string]any{"Button": again, "Connect": connectButton(), "Paste": lang.X("waiting.paste_instead", "Paste the address instead")}
	switch next {
	case words.NextRetry:
		if again == "" {
			return lang.X("step.try_again", "Try again.")
		}
		return lang.X("step.again", "Press {{.Button}} to try again.", b)
	case words.NextLater:
		if again == "" {
			return lang.X("step.try_later", "Try again later.")
		}
		return lang.X("step.again_later", "Press {{.Button}} again later.", b)
	case words.NextSignIn:
		return lang.X("step.sign_in", "Press {{.Connect}} to sign in again.", b)
	case words.NextPaste:
		return lang.X("step.paste", "Press {{.Connect}}, then \"{{.Paste}}\", and paste the address your browser shows.", b)
	}
	return ""
}

// withStep is a hint followed by a step, either of which may be empty.
func withStep(hint, step string) string {
	return strings.TrimSpace(hint + " " + step)
}

// explainHere is err's words and the window's step for it: again is the
// button that does the same again where it is shown ("": none here).
func explainHere(err error, again string) (message, hint, detail string) {
	message, hint, detail = words.Explain(err)
	return message, withStep(hint, step(words.NextStep(err), again)), detail
}
