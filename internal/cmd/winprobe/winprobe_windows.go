// Command winprobe looks at Windows from inside, for the Wine test of the
// shipped .exe (scripts/test-wine.sh). It reads and writes Windows
// Credential Manager entries with the same CredRead/CredWrite that
// TokenDesk's keychain library uses (github.com/danieljoos/wincred): it puts
// the client secret where TokenDesk looks for it, and checks the token went
// there. And it says which window Windows has in front. Test plumbing only:
// never shipped.
//
//	winprobe get TARGET      prints the secret of TARGET ("TokenDesk:access-token")
//	winprobe set TARGET      stores standard input as TARGET's secret
//	winprobe list PREFIX     prints the targets that start with PREFIX
//	winprobe foreground      prints the title of the window in front
//	winprobe env NAME        prints the SHA-256 of the variable NAME and its
//	                         length, never its value (exit 1: not set)
//	winprobe stdin line      prints the first line of its standard input
package main

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"unsafe"

	"github.com/danieljoos/wincred"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "foreground" {
		fmt.Println(foreground())
		return
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: winprobe get|set|list TARGET, winprobe env NAME, winprobe stdin line, or winprobe foreground")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "winprobe:", err)
		if errors.Is(err, syscall.ERROR_NOT_FOUND) {
			os.Exit(1)
		}
		os.Exit(3)
	}
}

func run(verb, target string) error {
	switch verb {
	case "get":
		c, err := wincred.GetGenericCredential(target)
		if err != nil {
			return fmt.Errorf("read %s: %w", target, err)
		}
		_, err = os.Stdout.Write(c.CredentialBlob)
		return err
	case "set":
		secret, err := io.ReadAll(os.Stdin)
		if err != nil {
			return err
		}
		// As github.com/zalando/go-keyring writes it: target SERVICE:USER.
		c := wincred.NewGenericCredential(target)
		if _, user, ok := strings.Cut(target, ":"); ok {
			c.UserName = user
		}
		c.CredentialBlob = secret
		if err := c.Write(); err != nil {
			return fmt.Errorf("write %s: %w", target, err)
		}
		return nil
	case "env":
		// For `tokendesk run`: what the command it runs was given, said
		// without saying the token.
		v, ok := os.LookupEnv(target)
		if !ok {
			return fmt.Errorf("%s is not set: %w", target, syscall.ERROR_NOT_FOUND)
		}
		fmt.Printf("sha256 %x length %d\n", sha256.Sum256([]byte(v)), len(v))
		return nil
	case "stdin":
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read standard input: %w", err)
		}
		fmt.Printf("stdin %s\n", strings.TrimSpace(line))
		return nil
	case "list":
		creds, err := wincred.List()
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		for _, c := range creds {
			if strings.HasPrefix(c.TargetName, target) {
				fmt.Println(c.TargetName)
			}
		}
		return nil
	}
	return fmt.Errorf("unknown verb %q", verb)
}

var (
	user32                  = syscall.NewLazyDLL("user32.dll")
	procGetForegroundWindow = user32.NewProc("GetForegroundWindow")
	procGetWindowTextW      = user32.NewProc("GetWindowTextW")
)

// foreground is the title of the window Windows has in front ("" for none).
func foreground() string {
	h, _, _ := procGetForegroundWindow.Call()
	if h == 0 {
		return ""
	}
	buf := make([]uint16, 512)
	n, _, _ := procGetWindowTextW.Call(h, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	return syscall.UTF16ToString(buf[:n])
}
