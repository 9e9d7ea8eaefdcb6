//go:build !unix

package store

import "testing"

func limitFileSize(t *testing.T, n uint64) { t.Skip("needs RLIMIT_FSIZE") }
