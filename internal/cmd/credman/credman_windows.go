// Command credman reads and writes Windows Credential Manager entries, for
// the Wine test of the shipped .exe (scripts/test-wine.sh): it puts the
// client secret where TokenDesk looks for it, and checks the token went
// there. It calls the same CredRead/CredWrite that TokenDesk's keychain
// library does, through github.com/danieljoos/wincred. Test plumbing only:
// never shipped.
//
//	credman get TARGET      prints the secret of TARGET ("TokenDesk:access-token")
//	credman set TARGET      stores standard input as TARGET's secret
//	credman list PREFIX     prints the targets that start with PREFIX
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/danieljoos/wincred"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: credman get|set|list TARGET")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "credman:", err)
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
