package cli

import (
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/pkg/browser"
)

// How login gets the sign-in page in front of the person.
const (
	browserOpen  = "open"  // the system's browser, as the window does
	browserWSL   = "wsl"   // Windows' browser, from inside WSL
	browserPrint = "print" // no browser can open here: print the link
)

// browserPlan decides how to show the sign-in page. Over SSH the browser
// would open (if at all) on the wrong computer, and a Linux without a
// display has none to open; both get the link printed. WSL has no Linux
// browser as a rule, but Windows' is right there.
func browserPlan(goos string, getenv func(string) string, wsl bool) string {
	switch {
	case getenv("SSH_CONNECTION") != "" || getenv("SSH_TTY") != "":
		return browserPrint
	case wsl:
		return browserWSL
	case goos == "windows" || goos == "darwin":
		return browserOpen
	case getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "":
		return browserPrint
	}
	return browserOpen
}

// isWSL says whether this is Linux inside Windows (WSL 1 or 2).
func isWSL(getenv func(string) string) bool {
	if runtime.GOOS != "linux" {
		return false
	}
	if getenv("WSL_DISTRO_NAME") != "" {
		return true
	}
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	return err == nil && strings.Contains(strings.ToLower(string(b)), "microsoft")
}

// systemOpener returns how to open a browser here, or nil when none can be.
// Whatever the opener prints goes to log (stderr): stdout is for machine
// output only.
func systemOpener(getenv func(string) string, log io.Writer) func(string) error {
	switch browserPlan(runtime.GOOS, getenv, isWSL(getenv)) {
	case browserWSL:
		return func(url string) error { return openInWindows(url, log) }
	case browserOpen:
		// pkg/browser writes what xdg-open says to these (process-wide)
		// writers; the command line runs no window, so nothing else uses them.
		browser.Stdout, browser.Stderr = log, log
		return browser.OpenURL
	}
	return nil
}

// openInWindows opens url in Windows' default browser from WSL: wslview
// (wslu) when installed, otherwise cmd.exe's start.
func openInWindows(url string, log io.Writer) error {
	if p, err := exec.LookPath("wslview"); err == nil {
		cmd := exec.Command(p, url)
		cmd.Stdout, cmd.Stderr = log, log
		return cmd.Run()
	}
	// cmd.exe reads & as "and then": escape it. The empty "" is start's
	// window title, without which a quoted URL would be taken for one.
	cmd := exec.Command("cmd.exe", "/c", "start", "", strings.ReplaceAll(url, "&", "^&"))
	// cmd.exe refuses a Linux folder (a UNC path) as its working folder.
	if _, err := os.Stat("/mnt/c"); err == nil {
		cmd.Dir = "/mnt/c"
	}
	cmd.Stdout, cmd.Stderr = log, log
	return cmd.Run()
}
