package connection

// Two questions both front ends ask LinkedIn about a saved token: does it
// still work (Status: LinkedIn's Token Inspector, or, offline, what was
// saved), and what can it do (WhatWorks: one harmless read per product,
// and the IDs the next step needs). Facts only: package words says them.

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// InspectTimeout bounds the one question to the Token Inspector.
const InspectTimeout = 10 * time.Second

// State is where a token stands.
type State string

const (
	StateValid    State = "valid"    // works until its expiry, more than ExpiresSoon away
	StateExpiring State = "expiring" // works until its expiry, ExpiresSoon away or less
	StateExpired  State = "expired"  // its expiry has passed
	StateRejected State = "rejected" // LinkedIn no longer accepts it (Rejection says why)
	StateUnknown  State = "unknown"  // its expiry is not known, and LinkedIn could not be asked
)

// Rejection is why LinkedIn no longer accepts a token.
type Rejection string

const (
	RejectedRevoked  Rejection = "revoked"   // the member removed the app's access, or connected again with other permissions
	RejectedExpired  Rejection = "expired"   // LinkedIn says it expired (perhaps before the date saved)
	RejectedOtherApp Rejection = "other_app" // it belongs to another Client ID
	RejectedUnknown  Rejection = "unknown"   // LinkedIn does not know it at all
)

// ExpirySource says where a status's expiry comes from.
type ExpirySource string

const (
	ExpiryFromSaved    ExpirySource = "saved"    // what LinkedIn said when the token was issued, as saved
	ExpiryFromLinkedIn ExpirySource = "linkedin" // the Token Inspector, asked now
)

// TokenStatus is where a saved token stands.
type TokenStatus struct {
	State     State
	Rejection Rejection // StateRejected
	ExpiresAt time.Time // zero when not known
	Source    ExpirySource
	Scopes    []string // the permissions, LinkedIn's when it was asked; nil when not known
	// Inspected: LinkedIn's Token Inspector answered; Inspection is what
	// it said.
	Inspected  bool
	Inspection linkedin.Inspection
	// AskErr is why LinkedIn could not be asked, when the status comes
	// from what was saved though it was not asked for offline (an
	// *oauthflow.Error: offline, LinkedIn down, a client secret it
	// refuses; or ErrNoClientSecret). nil otherwise.
	AskErr error
}

// ErrNoClientSecret: the Token Inspector cannot be asked without the app's
// Client ID and client secret, and they are not saved.
var ErrNoClientSecret = errors.New("the Token Inspector needs the Client ID and client secret, which are not saved")

// Status says where tok stands. Offline it is what was saved (Source
// ExpiryFromSaved). Otherwise it asks LinkedIn's Token Inspector: a token it
// no longer accepts is StateRejected whatever its saved date says; what it
// teaches is kept (Check). When it cannot be asked the answer is what was
// saved, with AskErr saying why.
func (c *Connection) Status(ctx context.Context, app oauthflow.Settings, tok store.SavedToken, offline bool) TokenStatus {
	saved := func(askErr error) TokenStatus {
		st := TokenStatus{ExpiresAt: tok.ExpiresAt, Source: ExpiryFromSaved, Scopes: slices.Clone(tok.Scopes), AskErr: askErr}
		st.State = stateAt(tok.ExpiresAt, c.now())
		return st
	}
	if offline {
		return saved(nil)
	}
	if app.ClientID == "" || app.ClientSecret == "" {
		return saved(ErrNoClientSecret)
	}
	ctx, cancel := context.WithTimeout(ctx, InspectTimeout)
	defer cancel()
	checked, err := c.Check(ctx, app, tok)
	switch {
	case errors.Is(err, oauthflow.ErrTokenRejected):
		return TokenStatus{State: StateRejected, Rejection: RejectedUnknown, Source: ExpiryFromLinkedIn}
	case err != nil:
		return saved(err)
	}
	in := checked.Inspection
	st := TokenStatus{Inspected: true, Inspection: in, Source: ExpiryFromLinkedIn, Scopes: in.Scopes, ExpiresAt: in.ExpiresAt}
	if !in.Usable() {
		st.State, st.Rejection = StateRejected, RejectionOf(in)
		return st
	}
	if st.ExpiresAt.IsZero() {
		st.ExpiresAt, st.Source = tok.ExpiresAt, ExpiryFromSaved
	}
	if len(st.Scopes) == 0 {
		st.Scopes = slices.Clone(tok.Scopes)
	}
	st.State = stateAt(st.ExpiresAt, c.now())
	return st
}

// RejectionOf is why the Token Inspector no longer accepts a token it
// says is not active.
func RejectionOf(in linkedin.Inspection) Rejection {
	switch in.Status {
	case "revoked":
		return RejectedRevoked
	case "expired":
		return RejectedExpired
	}
	return RejectedOtherApp // LinkedIn answers another app's token with active false and no status
}

func stateAt(expires, now time.Time) State {
	switch ExpiryOf(expires, now) {
	case ExpiryValid:
		return StateValid
	case ExpiryExpiring:
		return StateExpiring
	case ExpiryExpired:
		return StateExpired
	}
	return StateUnknown
}

// WhatWorks is what a check of a token found: where it stands, and what
// each product's read said.
type WhatWorks struct {
	Status TokenStatus
	linkedin.Abilities
}

// Rejected reports whether LinkedIn no longer accepts the token: its Token
// Inspector said so, or a read was refused with 401.
func (w WhatWorks) Rejected() bool {
	return w.Status.State == StateRejected || w.Abilities.Rejected
}

// WhatWorks checks what tok can do: it asks the Token Inspector (Status)
// and makes one harmless read per product its permissions cover, with the
// LinkedIn-Version version ("": linkedin.DefaultAPIVersion), side by side.
// When the saved token does not say its permissions, the Token Inspector
// is asked first, so that only the reads they cover are made. Nothing is
// written on LinkedIn.
func (c *Connection) WhatWorks(ctx context.Context, app oauthflow.Settings, tok store.SavedToken, version string) WhatWorks {
	req := linkedin.CheckRequest{Token: tok.AccessToken, Scopes: slices.Clone(tok.Scopes), Version: version, Now: c.now(),
		WhoIsConnected: c.whoIsConnected} // shared with a WhoIs under way: LinkedIn is asked once
	var out WhatWorks
	if len(req.Scopes) == 0 {
		out.Status = c.Status(ctx, app, tok, false)
		req.Scopes = nil // not known: every read is tried
		if out.Status.Inspected && len(out.Status.Scopes) > 0 {
			req.Scopes = slices.Clone(out.Status.Scopes)
		}
		out.Abilities = c.API.WhatWorks(ctx, req)
		if out.Status.State == StateRejected {
			out.Abilities.TokenRejected()
		}
		return out
	}
	var wg sync.WaitGroup
	wg.Go(func() { out.Status = c.Status(ctx, app, tok, false) })
	wg.Go(func() { out.Abilities = c.API.WhatWorks(ctx, req) })
	wg.Wait()
	// Share on LinkedIn has no read: LinkedIn's own list of the token's
	// permissions answers for it, when it gave one.
	if out.Status.Inspected && len(out.Status.Scopes) > 0 {
		for i, p := range out.Products {
			if p.Product != linkedin.ProductShare {
				continue
			}
			out.Products[i].Outcome = linkedin.OutcomeNotAsked
			if slices.Contains(out.Status.Scopes, "w_member_social") {
				out.Products[i].Outcome = linkedin.OutcomeWorks
			}
		}
	}
	if out.Status.State == StateRejected {
		out.Abilities.TokenRejected()
	}
	return out
}
