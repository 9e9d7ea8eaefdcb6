// Package oauthflow takes a person from "Connect" to a LinkedIn access token:
// it builds the sign-in address, receives the browser's return on this
// computer (or reads the address the person pastes back), and trades the code
// for a token. It knows nothing of windows; everything that waits takes a
// context.Context.
//
// A Connect is one Flow:
//
//	f, err := oauthflow.Begin(ctx, oauthflow.Config{Settings: s})
//	// open f.AuthURL() in the browser; offer f.SubmitPaste for the paste flow
//	tok, err := f.Wait(ctx)
package oauthflow

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Default waits. A sign-in that has not come back in five minutes is not
// coming; in the paste flow the person may be copying between computers, so
// it waits as long as LinkedIn's code lives.
const (
	DefaultTimeout      = 5 * time.Minute
	DefaultPasteTimeout = 30 * time.Minute
)

// Endpoint is where a provider signs people in and hands out tokens; the
// provider's own package says where (linkedin.Endpoints.Flow).
type Endpoint struct {
	AuthURL     string // the sign-in page
	PKCEAuthURL string // the sign-in page of the native-client (PKCE) flow; "": AuthURL
	TokenURL    string // where a code or a refresh token is traded for a token
}

// Config is everything a Flow needs. Settings and Endpoint are required.
type Config struct {
	Settings Settings
	Endpoint Endpoint

	// HTTPClient talks to the token endpoint. nil: NewHTTPClient().
	HTTPClient *http.Client

	// Timeout bounds the wait for the browser in the loopback flow, and
	// PasteTimeout in the paste flow. Zero: the defaults above.
	Timeout      time.Duration
	PasteTimeout time.Duration

	// Now is the clock the token's expiry is computed from. nil: time.Now.
	Now func() time.Time

	// Page says what the page the browser lands on says, in the front
	// end's words and language: outcome is nil when the sign-in worked,
	// else an *Error (the sign-in's, or the page's own: a stale link, one
	// already used). nil: a bare technical page.
	Page func(outcome error) Page
}

// Page is the words of the page the browser lands on. They are plain
// text: the page escapes them.
type Page struct {
	Title   string // one short sentence
	Message string // what happened
	Hint    string // what to do next
	// Footer is a last line under the words (TokenDesk's disclaimer), and
	// Lang the BCP 47 tag of the language they are in ("": English).
	Footer, Lang string
}

// NewHTTPClient returns the client TokenDesk talks to LinkedIn with: every
// stage has a timeout, and it never follows a redirect, so a client secret
// sent in a POST body cannot be re-sent anywhere else.
func NewHTTPClient() *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 20 * time.Second,
			IdleConnTimeout:       60 * time.Second,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          4,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// arrival is the browser's return: a code, or LinkedIn's error. The loopback
// receiver waits on reply to tell the browser how it ended.
type arrival struct {
	code    string
	authErr *Error
	reply   chan error
}

// Flow is one Connect. It is safe to use from several goroutines: the window
// calls SwitchToPaste, SubmitPaste and Close while another goroutine Waits.
type Flow struct {
	settings Settings
	checked  Checked // the settings as Check read them: the redirect URL parsed once
	oauth    *oauth2.Config
	client   *http.Client
	now      func() time.Time
	page     func(error) Page
	state    string
	verifier string // PKCE only
	authURL  string
	timeout  time.Duration
	pasteTTL time.Duration

	arrivals    chan arrival  // holds at most one: the state is single use
	modeChanged chan struct{} // loopback -> paste
	closed      chan struct{} // closed by Close
	closeOnce   sync.Once

	mu       sync.Mutex
	mode     Mode
	consumed bool // the state has been accepted once and never will be again
	waited   bool
	receiver *receiver // nil in the paste flow, and once closed
}

// Begin validates the settings, creates the single-use state, builds the
// sign-in address and, for a redirect URL on this computer, starts listening
// for the browser. A busy port is reported here, before any browser opens.
func Begin(ctx context.Context, cfg Config) (*Flow, error) {
	checked, err := cfg.Settings.Check()
	if err != nil {
		return nil, err
	}
	s := checked.Settings()
	state, err := newState()
	if err != nil {
		return nil, &Error{Kind: KindLinkedInError, Reason: ReasonNoState, Err: err}
	}
	f := &Flow{
		settings:    s,
		client:      cfg.HTTPClient,
		now:         cfg.Now,
		page:        cfg.Page,
		state:       state,
		timeout:     cfg.Timeout,
		pasteTTL:    cfg.PasteTimeout,
		arrivals:    make(chan arrival, 1),
		modeChanged: make(chan struct{}, 1),
		closed:      make(chan struct{}),
		mode:        checked.Mode(),
		checked:     checked,
	}
	if f.client == nil {
		f.client = NewHTTPClient()
	}
	if f.now == nil {
		f.now = time.Now
	}
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	if f.pasteTTL <= 0 {
		f.pasteTTL = DefaultPasteTimeout
	}

	authEndpoint := cfg.Endpoint.AuthURL
	var opts []oauth2.AuthCodeOption
	if s.PKCE && cfg.Endpoint.PKCEAuthURL != "" {
		authEndpoint = cfg.Endpoint.PKCEAuthURL
	}
	if s.PKCE {
		f.verifier = oauth2.GenerateVerifier()
		opts = append(opts, oauth2.S256ChallengeOption(f.verifier))
	}
	f.oauth = &oauth2.Config{
		ClientID:     s.ClientID,
		ClientSecret: s.ClientSecret,
		RedirectURL:  s.RedirectURL,
		Scopes:       s.Scopes,
		Endpoint: oauth2.Endpoint{
			AuthURL:  authEndpoint,
			TokenURL: cfg.Endpoint.TokenURL,
			// LinkedIn wants client_id and client_secret in the form body,
			// as golang.org/x/oauth2/linkedin.Endpoint says.
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
	f.authURL = f.oauth.AuthCodeURL(state, opts...)

	if f.mode == Loopback {
		r, err := startReceiver(ctx, checked.redirect, f)
		if err != nil {
			return nil, err
		}
		f.receiver = r
	}
	return f, nil
}

// AuthURL is the LinkedIn sign-in address to open in the browser.
func (f *Flow) AuthURL() string { return f.authURL }

// Settings are the cleaned settings this flow runs with.
func (f *Flow) Settings() Settings { return f.settings }

// RedirectMode is how the settings' redirect URL brings the code back:
// Paste when it is not on this computer, whatever Mode is now.
func (f *Flow) RedirectMode() Mode { return f.checked.Mode() }

// Mode is how the flow expects the code back now.
func (f *Flow) Mode() Mode {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mode
}

// SwitchToPaste stops listening on this computer (a firewall is in the way,
// or the browser runs on another computer) and waits for a pasted address
// instead, for as long as a code lives.
func (f *Flow) SwitchToPaste() {
	f.mu.Lock()
	if f.mode == Paste {
		f.mu.Unlock()
		return
	}
	f.mode = Paste
	r := f.receiver
	f.receiver = nil
	f.mu.Unlock()

	r.close()
	select {
	case f.modeChanged <- struct{}{}:
	default:
	}
}

// SubmitPaste hands the flow what the person pasted. It returns an *Error
// for text that is not a usable address (the flow goes on waiting, so they
// can paste again), and nil once the code, or LinkedIn's error, is on its way
// to Wait. It works in the loopback flow too.
func (f *Flow) SubmitPaste(text string) error {
	code, err := ParsePasted(text, Expect{State: f.state, Redirect: f.checked.redirect, BareCode: f.verifier != ""})
	in := arrival{code: code}
	if err != nil {
		e := AsError(err)
		if e.Kind == KindNotARedirect || e.Kind == KindStateMismatch {
			return e
		}
		in.authErr = e // LinkedIn's own error= ends the flow, as it would in the browser
	}
	if !f.consume() {
		return &Error{Kind: KindFlowOver, Reason: ReasonFinished}
	}
	f.arrivals <- in // cannot block: consume lets one arrival through
	return nil
}

// consume accepts the state once. Every later return is refused.
func (f *Flow) consume() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-f.closed:
		return false
	default:
	}
	if f.consumed {
		return false
	}
	f.consumed = true
	return true
}

// Wait blocks until the browser comes back (or a paste arrives), trades the
// code for a token, and returns it. It ends with an *Error when LinkedIn
// refuses, the wait times out, ctx ends or Close is called. When it returns,
// nothing listens on the redirect port any more.
func (f *Flow) Wait(ctx context.Context) (Token, error) {
	f.mu.Lock()
	again := f.waited
	f.waited = true
	mode := f.mode
	f.mu.Unlock()
	if again {
		return Token{}, &Error{Kind: KindFlowOver, Reason: ReasonFinished}
	}
	defer f.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // Close ends a Wait in progress, exchange included
		select {
		case <-f.closed:
			cancel()
		case <-ctx.Done():
		}
	}()

	wait := f.timeout
	if mode == Paste {
		wait = f.pasteTTL
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case in := <-f.arrivals:
			tok, err := f.finish(ctx, in)
			if in.reply != nil {
				in.reply <- err
			}
			return tok, err
		case <-f.modeChanged:
			wait = f.pasteTTL
			timer.Reset(wait)
		case <-timer.C:
			return Token{}, waitTimeout(wait)
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return Token{}, waitTimeout(wait)
			}
			return Token{}, transportError(ctx.Err(), "")
		}
	}
}

// finish ends a flow that got an answer from the browser.
func (f *Flow) finish(ctx context.Context, in arrival) (Token, error) {
	if in.authErr != nil {
		return Token{}, in.authErr
	}
	tok, err := f.exchange(ctx, in.code)
	if err != nil {
		return Token{}, err
	}
	return tok, nil
}

// exchange trades the code for a token, once: the flow ends right after.
func (f *Flow) exchange(ctx context.Context, code string) (Token, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, f.client)
	var opts []oauth2.AuthCodeOption
	if f.verifier != "" {
		opts = append(opts, oauth2.VerifierOption(f.verifier))
	}
	ot, err := f.oauth.Exchange(ctx, code, opts...)
	if err != nil {
		return Token{}, exchangeError(err)
	}
	return tokenFrom(ot, f.now()), nil
}

// Close stops the flow: the receiver stops listening and frees its port
// before Close returns, and a Wait in progress ends with ErrCancelled. It is
// safe to call more than once, and after Wait.
func (f *Flow) Close() {
	f.closeOnce.Do(func() {
		f.mu.Lock()
		close(f.closed)
		r := f.receiver
		f.receiver = nil
		f.mu.Unlock()
		r.close()
	})
}

func waitTimeout(d time.Duration) *Error {
	return &Error{Kind: KindTimeout, Reason: ReasonNoBrowserReply, Wait: d,
		Err: fmt.Errorf("no answer from the browser within %s", d)}
}
