package words

import "errors"

// explainer is an error that says its own words: the bridge while the
// errors below still carry them.
type explainer interface {
	error
	Explain() (message, hint, detail string)
}

// Explain is the one place an error becomes words for a person: what
// happened (message), what to do about it (hint), and the technical cause
// behind "Details" (detail, possibly empty). It reads err anywhere in its
// chain, with errors.As, so that no front end needs to know which package
// an error came from. An error it knows nothing of gets general words, with
// its text as the detail.
func Explain(err error) (message, hint, detail string) {
	if err == nil {
		return "", "", ""
	}
	var e explainer
	if errors.As(err, &e) {
		return e.Explain()
	}
	return "Something went wrong.", "Please try again.", err.Error()
}
