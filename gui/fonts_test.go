package gui

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The first screen draws regular text and bold (Fyne's buttons, the
// titles): Fyne as released parsed its 4 MB emoji font and loaded the
// system font for the language once for each, about 9 MB of memory for
// bold alone (#21). With third_party/fyne/font.go the second style shares
// the first one's parsed emoji font and loads no system font for Latin
// text. Measured in a process of
// its own: Fyne's font cache is global, and another test may have drawn
// bold text already.
func TestBoldTextSharesTheParsedEmojiFont(t *testing.T) {
	if os.Getenv("TOKENDESK_FONT_PROBE") == "1" {
		fmt.Printf("bold-bytes=%d\n", boldTextHeapCost())
		return
	}
	// make sets GOWORK to scripts/fyne-patch.sh's workspace for every go
	// command; a plain `go test` builds with Fyne as released.
	if w := os.Getenv("GOWORK"); w == "" || w == "off" {
		t.Skip("built with Fyne as released: run through make, which sets GOWORK to scripts/fyne-patch.sh's workspace")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBoldTextSharesTheParsedEmojiFont$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TOKENDESK_FONT_PROBE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	_, after, ok := strings.Cut(string(out), "bold-bytes=")
	if !ok {
		t.Fatalf("probe said nothing:\n%s", out)
	}
	n, err := strconv.ParseInt(strings.Fields(after)[0], 10, 64)
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	// Fyne as released: 8.9 MB (the emoji font's tables again, the system
	// font for the language in bold, the bold Noto Sans); with the emoji
	// font shared only, 4.0 MB; with both of font.go's changes, 1.5 MB (the
	// bold Noto Sans and a face's glyph cache). The bound fails either
	// change undone.
	const most = 3 << 20
	if n > most {
		t.Errorf("drawing bold text after regular kept %.1f MB more on the heap, want at most %.1f MB: the emoji font is parsed again for bold", float64(n)/(1<<20), float64(most)/(1<<20))
	}
	t.Logf("bold text after regular: %.2f MB", float64(n)/(1<<20))
}

// boldTextHeapCost is how much more the heap holds, after a collection,
// once bold text has been measured in a window that already measured
// regular text.
func boldTextHeapCost() int64 {
	a := test.NewApp()
	defer a.Quit()
	regular := widget.NewLabel("Client ID 🙂")
	regular.MinSize()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	bold := widget.NewLabelWithStyle("Connect 🙂", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bold.MinSize()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(regular)
	runtime.KeepAlive(bold)
	return int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

// Fyne looks up a system font for the runes its bundled fonts lack; with
// third_party/fyne/font.go it does so when such a rune is first drawn
// rather than up front for every style. A rune only a system font has must
// still be drawn with it, not as the box of a missing glyph.
func TestARuneOnlyASystemFontHasIsStillDrawn(t *testing.T) {
	const braille = '⠿' // in DejaVu Sans (fonts-dejavu-core), not in Noto Sans or the emoji font
	const dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(dejaVu); err != nil {
		// make test installs it (TEST_DEPS): there the test must run.
		if w := os.Getenv("GOWORK"); w != "" && w != "off" {
			t.Fatalf("%s is missing: make test-deps installs fonts-dejavu-core", dejaVu)
		}
		t.Skipf("no font here has %q: %v", braille, err)
	}
	test.NewTempApp(t)
	draw := func(s string) image.Image {
		text := canvas.NewText(s, color.Black)
		text.TextSize = 40
		w := test.NewWindow(text)
		defer w.Close()
		w.Resize(fyne.NewSize(80, 80))
		return w.Canvas().Capture()
	}
	missing := draw(string(rune(0x10FFFD))) // a private-use rune no font has: the box
	got := draw(string(braille))
	if inked(got) == 0 {
		t.Fatalf("%q drew nothing", braille)
	}
	if sameImage(got, missing) {
		t.Errorf("%q was drawn as the box of a missing glyph: the system font that has it was not used", braille)
	}
}

func inked(img image.Image) (n int) {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != first {
				n++
			}
		}
	}
	return n
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}
