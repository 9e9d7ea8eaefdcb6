package linkedin

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func TestDefaultAPIVersion(t *testing.T) {
	plusFive := time.FixedZone("UTC+5", 5*60*60)
	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"three months back", date(2026, time.December, 1), "202609"},
		{"whatever the day", date(2026, time.December, 31), "202609"},
		{"across the year", date(2027, time.February, 10), "202611"},
		{"January", date(2027, time.January, 1), "202610"},
		{"no December version: November", date(2027, time.March, 15), "202611"},
		{"April", date(2027, time.April, 1), "202701"},
		{"read in UTC", time.Date(2027, time.April, 1, 1, 0, 0, 0, plusFive), "202611"}, // 2027-03-31 in UTC
		{"clock before LinkedIn's versions", date(2020, time.January, 1), "202206"},
		{"at the first version", date(2022, time.September, 30), "202206"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefaultAPIVersion(tt.now); got != tt.want {
				t.Errorf("DefaultAPIVersion(%s) = %s, want %s", tt.now.Format(time.RFC3339), got, tt.want)
			}
		})
	}
}

// Whatever the date, the default passes the check and is never a December.
func TestDefaultAPIVersionIsAlwaysValid(t *testing.T) {
	for now := date(2022, time.October, 1); now.Year() < 2031; now = now.AddDate(0, 0, 9) {
		v := DefaultAPIVersion(now)
		if err := ValidAPIVersion(v, now); err != nil {
			t.Fatalf("%s: DefaultAPIVersion = %s, not valid: %v", now.Format(time.DateOnly), v, err)
		}
		if strings.HasSuffix(v, "12") {
			t.Fatalf("%s: DefaultAPIVersion = %s, a December", now.Format(time.DateOnly), v)
		}
	}
}

func TestValidAPIVersion(t *testing.T) {
	now := date(2026, time.December, 1)
	tests := []struct {
		v           string
		now         time.Time
		wantMessage oauthflow.Reason // "" when valid
	}{
		{"202609", now, ""},
		{"202612", now, ""}, // this month: LinkedIn may have shipped it
		{"202206", now, ""}, // the first version (long sunset, but a real one)
		{"202601", date(2026, time.January, 1), ""},
		{"202612", date(2027, time.January, 1), ""},
		{"202701", date(2026, time.December, 31), ReasonAPIVersionFuture},
		{"202701", time.Date(2027, time.January, 1, 3, 0, 0, 0, time.FixedZone("UTC+5", 5*60*60)), ReasonAPIVersionFuture}, // still December in UTC
		{"", now, ReasonAPIVersionDigits},
		{"20269", now, ReasonAPIVersionDigits},
		{"2026091", now, ReasonAPIVersionDigits},
		{"2026-09", now, ReasonAPIVersionDigits},
		{" 202609", now, ReasonAPIVersionDigits},
		{"Sep 26", now, ReasonAPIVersionDigits},
		{"２０２６０９", now, ReasonAPIVersionDigits}, // full-width digits
		{"202600", now, ReasonAPIVersionMonth},
		{"202613", now, ReasonAPIVersionMonth},
		{"202205", now, ReasonAPIVersionTooOld},
		{"199912", now, ReasonAPIVersionTooOld},
		{"203001", now, ReasonAPIVersionFuture},
	}
	for _, tt := range tests {
		t.Run(tt.v+"@"+tt.now.Format(time.DateOnly), func(t *testing.T) {
			err := ValidAPIVersion(tt.v, tt.now)
			if tt.wantMessage == "" {
				if err != nil {
					t.Fatalf("ValidAPIVersion(%q) = %v, want nil", tt.v, err)
				}
				return
			}
			if !errors.Is(err, oauthflow.ErrInvalidSettings) {
				t.Fatalf("ValidAPIVersion(%q) = %v, want an invalid-settings error", tt.v, err)
			}
			e := oauthflow.AsError(err)
			if e.Reason != tt.wantMessage || e.Value != tt.v {
				t.Errorf("error %+v, want reason %s naming %q", e, tt.wantMessage, tt.v)
			}
			// The error always gives a version that would pass, for this date.
			if want := DefaultAPIVersion(tt.now); e.Example != want {
				t.Errorf("Example = %q, want %s", e.Example, want)
			}
		})
	}
}
