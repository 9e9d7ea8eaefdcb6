package words_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

func TestExplain(t *testing.T) {
	flowErr := &oauthflow.Error{Kind: oauthflow.KindTimeout, Message: "No answer.", Hint: "Try again.", Err: errors.New("deadline")}
	storeErr := &store.Error{Message: "Could not save.", Hint: "Free some space.", Err: errors.New("ENOSPC")}
	tests := []struct {
		name                  string
		err                   error
		message, hint, detail string
	}{
		{"flow error", flowErr, "No answer.", "Try again.", "deadline"},
		{"store error", storeErr, "Could not save.", "Free some space.", "ENOSPC"},
		{"wrapped flow error", fmt.Errorf("connect: %w", flowErr), "No answer.", "Try again.", "deadline"},
		{"wrapped store error", fmt.Errorf("save: %w", storeErr), "Could not save.", "Free some space.", "ENOSPC"},
		{"a store error around a flow error", &store.Error{Message: "Outer.", Hint: "Do this.", Err: flowErr}, "Outer.", "Do this.", "No answer.: deadline"},
		{"an error that says nothing", errors.New("boom"), "Something went wrong.", "Please try again.", "boom"},
		{"nil", nil, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, h, d := words.Explain(tt.err)
			if m != tt.message || h != tt.hint || d != tt.detail {
				t.Errorf("Explain = %q, %q, %q; want %q, %q, %q", m, h, d, tt.message, tt.hint, tt.detail)
			}
		})
	}
}
