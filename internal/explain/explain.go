// Package explain is the one contract kept by every error a person may
// read: what happened, what to do about it, and the technical detail
// behind "Details". oauthflow.Error and store.Error keep it; the window and
// the command line read any error through Words, with errors.As, so that
// neither needs to know which package an error came from.
package explain

import "errors"

// Explainer is an error that says, for a person who has never heard of
// OAuth, what happened (message), what to do (hint), and the technical
// cause (detail, possibly empty).
type Explainer interface {
	error
	Explain() (message, hint, detail string)
}

// Words returns the words for err, found anywhere in its chain. An error
// that explains nothing gets general words, with its text as the detail.
func Words(err error) (message, hint, detail string) {
	if err == nil {
		return "", "", ""
	}
	var e Explainer
	if errors.As(err, &e) {
		return e.Explain()
	}
	return "Something went wrong.", "Please try again.", err.Error()
}

// Sentence is the message and the hint in one line, for a terminal or a
// label with no room for more.
func Sentence(err error) string {
	message, hint, _ := Words(err)
	if hint == "" {
		return message
	}
	return message + " " + hint
}
