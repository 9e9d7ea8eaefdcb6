package assets

import (
	"bytes"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

// The landing page is served from this computer while the address bar holds
// the sign-in code: it must load nothing from anywhere else.
func TestCallbackPageIsSelfContained(t *testing.T) {
	var buf bytes.Buffer
	err := CallbackPage.Execute(&buf, CallbackData{Title: "T <b>", Message: "M & m", Hint: `H "h"`, Footer: "F <i>", Lang: "pt-BR"})
	if err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if regexp.MustCompile(`(?i)<script|<link|<img|<iframe|@import|url\(|src=|href=`).MatchString(page) {
		t.Errorf("page loads outside resources:\n%s", page)
	}
	if strings.Contains(page, "<b>") || !strings.Contains(page, "T &lt;b&gt;") {
		t.Error("page text is not escaped")
	}
	// The words are the front end's, in its language (words.BrowserPage):
	// the page itself holds none.
	if !strings.Contains(page, "<footer>F &lt;i&gt;</footer>") || !strings.Contains(page, `<html lang="pt-BR">`) {
		t.Errorf("page lacks its footer or language:\n%s", page)
	}
}

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("icon is %v, want 512x512", b)
	}
	small, err := png.Decode(bytes.NewReader(WindowIcon))
	if err != nil {
		t.Fatal(err)
	}
	if b := small.Bounds(); b.Dx() != 128 || b.Dy() != 128 {
		t.Errorf("window icon is %v, want 128x128", b)
	}
}
