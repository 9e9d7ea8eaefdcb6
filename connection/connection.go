// Package connection holds the use cases the window and the command line
// share, one path for each: sign in and save (Begin, Finish), check a
// token with LinkedIn, renew it, ask who it belongs to, clear it; and the
// rules about expiry and renewal (rules.go). The front ends only ask and
// show. What it saves is always about the connection a sign-in was begun
// for, and the token an action started with: a Clear or a new sign-in made
// meanwhile wins, and nothing of the old token comes back
// (store.ReplaceToken, store.UpdateTokenInfo, store.ClearToken). It knows
// nothing of windows or terminals; every call takes a context.
package connection

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// Connection is one LinkedIn app's saved token and what can be done with
// it. Store may be nil (nothing can be saved this time): the answers still
// come, nothing is kept.
type Connection struct {
	Store     *store.Conn // the connection whose token this is
	API       *linkedin.Client
	Endpoints linkedin.Endpoints
	Now       func() time.Time // nil: time.Now

	who sharedWho // userinfo calls under way, shared by WhoIs and WhatWorks
}

// New is a Connection on LinkedIn at endpoints.
func New(st *store.Conn, endpoints linkedin.Endpoints, now func() time.Time) *Connection {
	if now == nil {
		now = time.Now
	}
	return &Connection{Store: st, API: linkedin.NewClient(endpoints), Endpoints: endpoints, Now: now}
}

// Checked is what LinkedIn's Token Inspector said, and the token with what
// it taught (an expiry or permissions that were not known).
type Checked struct {
	linkedin.Inspection
	Token   store.SavedToken
	Learned bool // Token gained an expiry or permissions
}

// Check asks LinkedIn's Token Inspector about tok, with the app's client ID
// and secret from app. An expiry or permissions tok lacked are filled in,
// and saved if tok is still the saved token.
func (c *Connection) Check(ctx context.Context, app oauthflow.Settings, tok store.SavedToken) (Checked, error) {
	in, err := c.API.Inspect(ctx, app, tok.AccessToken)
	if err != nil {
		return Checked{}, err
	}
	out := Checked{Inspection: in, Token: tok}
	if !in.Usable() {
		return out, nil
	}
	if out.Token.ExpiresAt.IsZero() && !in.ExpiresAt.IsZero() {
		out.Token.ExpiresAt, out.Learned = in.ExpiresAt, true
	}
	if len(out.Token.Scopes) == 0 && len(in.Scopes) > 0 {
		out.Token.Scopes, out.Learned = in.Scopes, true
	}
	if out.Learned {
		c.keep(ctx, tok.AccessToken, store.TokenFacts{ExpiresAt: out.Token.ExpiresAt, Scopes: out.Token.Scopes})
	}
	return out, nil
}

// Renew trades tok's refresh token for a new token and saves it in place of
// tok. When tok was cleared or replaced meanwhile the new token is not
// saved, and the error is store.ErrTokenChanged. On any error tok stays.
func (c *Connection) Renew(ctx context.Context, app oauthflow.Settings, tok store.SavedToken) (store.SavedToken, error) {
	cfg := oauthflow.Config{Settings: app, Endpoint: c.Endpoints.Flow(), Now: c.now}
	renewed, err := oauthflow.Renew(ctx, cfg, tok.Token)
	if err != nil {
		return store.SavedToken{}, err
	}
	if c.Store != nil {
		if err := c.Store.ReplaceToken(ctx, tok.AccessToken, renewed, tok.Account); err != nil {
			return store.SavedToken{}, err
		}
	}
	return store.SavedToken{Token: renewed, Account: tok.Account, MemberID: tok.MemberID}, nil
}

// Clear forgets the token shown, the access token the person saw, and
// only it: a token saved meanwhile elsewhere is not cleared unseen
// (store.ErrTokenChanged).
func (c *Connection) Clear(ctx context.Context, shown string) error {
	if c.Store == nil {
		return nil
	}
	return c.Store.ClearToken(ctx, shown)
}

// Member is who a token belongs to, with their picture when LinkedIn has
// one (nil otherwise: a picture that cannot be fetched is no error).
type Member struct {
	linkedin.Member
	Picture []byte
}

// WhoIs asks LinkedIn who tok belongs to, and keeps their name and
// LinkedIn ID (the author of a post as them) with tok.
func (c *Connection) WhoIs(ctx context.Context, tok store.SavedToken) (Member, error) {
	m, err := c.whoIsConnected(ctx, tok.AccessToken)
	if err != nil {
		return Member{}, err
	}
	out := Member{Member: m}
	if m.PictureURL != "" {
		out.Picture, _ = c.API.Picture(ctx, m.PictureURL)
	}
	if m.Name != tok.Account || m.ID != tok.MemberID {
		c.keep(ctx, tok.AccessToken, store.TokenFacts{Account: m.Name, MemberID: m.ID})
	}
	return out, nil
}

// sharedWho are the userinfo calls under way, by access token. The window
// asks who is connected (for the name and picture) and checks the token
// (whose check reads userinfo too) at the same moment: the second asker
// waits for the first one's answer instead of asking LinkedIn again.
type sharedWho struct {
	mu    sync.Mutex
	calls map[string]*whoCall
}

type whoCall struct {
	done chan struct{}
	m    linkedin.Member
	err  error
	// abandoned: the first asker gave up (its context ended) before the
	// answer; those waiting ask themselves.
	abandoned bool
}

// whoIsConnected is c.API.WhoIsConnected, sharing a call for the same
// token that is under way. Each asker keeps its own context: one that
// ends stops only its own wait.
func (c *Connection) whoIsConnected(ctx context.Context, token string) (linkedin.Member, error) {
	s := &c.who
	for {
		s.mu.Lock()
		call, under := s.calls[token]
		if !under {
			break // s.mu held
		}
		s.mu.Unlock()
		select {
		case <-call.done:
			if !call.abandoned {
				return call.m, call.err
			}
			// the first asker gave up: ask again
		case <-ctx.Done():
			// The client says so in its own words (a network error
			// with what was being done).
			return c.API.WhoIsConnected(ctx, token)
		}
	}
	call := &whoCall{done: make(chan struct{})}
	if s.calls == nil {
		s.calls = map[string]*whoCall{}
	}
	s.calls[token] = call
	s.mu.Unlock()
	call.m, call.err = c.API.WhoIsConnected(ctx, token)
	call.abandoned = ctx.Err() != nil
	s.mu.Lock()
	delete(s.calls, token)
	s.mu.Unlock()
	close(call.done)
	return call.m, call.err
}

// keep saves what was learned about token, if it is still the saved one.
// A failure to save it costs nothing but asking again next time.
func (c *Connection) keep(ctx context.Context, token string, info store.TokenFacts) {
	if c.Store == nil {
		return
	}
	if err := c.Store.UpdateTokenInfo(ctx, token, info); err != nil && !errors.Is(err, store.ErrTokenChanged) {
		return
	}
}

func (c *Connection) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}
