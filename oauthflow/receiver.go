package oauthflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tokendesk/tokendesk/assets"
)

// shutdownGrace is how long a page still being sent is given to reach the
// browser after the flow closes. Nobody waits for it: see receiver.close.
var shutdownGrace = 2 * time.Second

// receiver is the one-shot web server on this computer that the browser
// comes back to. It listens on loopback addresses only, serves one path, and
// lives for one flow.
type receiver struct {
	srv       *http.Server
	listeners []net.Listener
	served    sync.WaitGroup
	conns     connections
	grace     time.Duration // shutdownGrace when it started
	closeOnce sync.Once
}

// startReceiver listens on the redirect URL's port. For "localhost" it
// listens on 127.0.0.1 and on ::1 when this computer has IPv6, because
// browsers resolve localhost either way.
func startReceiver(ctx context.Context, redirect *url.URL, f *Flow) (*receiver, error) {
	port := redirect.Port()
	if port == "" {
		port = "80"
	}
	var hosts []string
	switch h := redirect.Hostname(); {
	case strings.EqualFold(h, "localhost"):
		hosts = []string{"127.0.0.1", "::1"}
	default:
		hosts = []string{h} // a loopback IP: Validate made sure
	}

	r := &receiver{grace: shutdownGrace}
	var lc net.ListenConfig
	for i, h := range hosts {
		l, err := lc.Listen(ctx, "tcp", net.JoinHostPort(h, port))
		if err != nil {
			optionalIPv6 := i > 0 && h == "::1" && !isAddrInUse(err)
			if optionalIPv6 {
				continue // no IPv6 loopback here: browsers will use 127.0.0.1
			}
			for _, open := range r.listeners {
				open.Close()
			}
			return nil, listenError(err, port)
		}
		r.listeners = append(r.listeners, l)
	}

	path := redirect.EscapedPath()
	if path == "" {
		path = "/" // LinkedIn sends http://localhost:8765?code=… to "/"
	}
	r.srv = &http.Server{
		Handler:           &callbackHandler{flow: f, path: path},
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute, // the page waits for the token exchange
		IdleTimeout:       30 * time.Second,
		MaxHeaderBytes:    64 << 10,
		// The server's own log would print request lines, and a request
		// line holds the sign-in code.
		ErrorLog:  log.New(io.Discard, "", 0),
		ConnState: r.conns.track,
	}
	for _, l := range r.listeners {
		r.served.Add(1)
		go func(l net.Listener) {
			defer r.served.Done()
			_ = r.srv.Serve(l) // returns http.ErrServerClosed on close
		}(l)
	}
	return r, nil
}

// close stops listening at once: when it returns, the port is free. A
// browser may hold a connection open without a request on it (browsers
// preconnect), which would keep a graceful shutdown waiting for seconds, so
// idle and new connections are cut now; a page still being sent is given
// shutdownGrace to arrive, in the background, never at the caller's
// expense. nil-safe and idempotent.
func (r *receiver) close() {
	if r == nil {
		return
	}
	r.closeOnce.Do(func() {
		for _, l := range r.listeners {
			_ = l.Close()
		}
		r.served.Wait()
		r.conns.closeQuiet()
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), r.grace)
			defer cancel()
			if err := r.srv.Shutdown(ctx); err != nil {
				_ = r.srv.Close()
			}
		}()
	})
}

// connections tracks the receiver's connections by state, so that close
// can cut those that carry no request.
type connections struct {
	mu    sync.Mutex
	quiet map[net.Conn]bool // new (no request yet) or idle between requests
}

func (c *connections) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.quiet == nil {
		c.quiet = map[net.Conn]bool{}
	}
	switch state {
	case http.StateNew, http.StateIdle:
		c.quiet[conn] = true
	default:
		delete(c.quiet, conn)
	}
}

func (c *connections) closeQuiet() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for conn := range c.quiet {
		_ = conn.Close()
	}
	c.quiet = nil
}

func listenError(err error, port string) *Error {
	switch {
	case isAddrInUse(err):
		return &Error{Kind: KindPortBusy, Reason: ReasonPortBusy, Err: err, Port: portNumber(port),
			Address: "http://localhost:" + nextPort(port) + "/callback"}
	case errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM):
		return &Error{Kind: KindPortForbidden, Reason: ReasonPortForbidden, Err: err, Port: portNumber(port),
			Address: DefaultRedirectURL}
	default:
		return &Error{Kind: KindNetwork, Reason: ReasonNoReceiver, Err: err}
	}
}

func portNumber(port string) int {
	n, _ := strconv.Atoi(port)
	return n
}

func nextPort(port string) string {
	var n int
	if _, err := fmt.Sscanf(port, "%d", &n); err != nil || n <= 0 || n >= 65535 {
		return "8766"
	}
	return fmt.Sprint(n + 1)
}

// callbackHandler serves the redirect URL's path and nothing else.
type callbackHandler struct {
	flow *Flow
	path string
}

func (h *callbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")

	// A page elsewhere that re-points its own name at 127.0.0.1 (DNS
	// rebinding) would arrive with its own Host: refuse it.
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if !isLoopbackHost(strings.Trim(host, "[]")) {
		http.Error(w, "Not found", http.StatusNotFound)
		return
	}
	if r.URL.EscapedPath() != h.path {
		// The browser's /favicon.ico, a scanner, a stale bookmark: not ours,
		// and no reason to stop waiting.
		http.Error(w, "Not found", http.StatusNotFound)
		return
	}
	if r.Method != http.MethodGet {
		hdr.Set("Allow", http.MethodGet)
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}

	ret, bad := readReturn(r.URL.RawQuery, h.flow.state)
	if bad != nil {
		h.flow.writePage(w, http.StatusBadRequest, &Error{Kind: KindStateMismatch, Reason: ReasonLinkStale})
		return
	}

	in := arrival{code: ret.code, authErr: ret.authErr, reply: make(chan error, 1)}
	if !h.flow.consume() {
		h.flow.writePage(w, http.StatusBadRequest, &Error{Kind: KindFlowOver, Reason: ReasonLinkUsed})
		return
	}
	h.flow.arrivals <- in

	var outcome error
	select {
	case outcome = <-in.reply:
	case <-h.flow.closed:
		select { // the reply may have come together with the close
		case outcome = <-in.reply:
		default:
			outcome = ErrCancelled
		}
	case <-r.Context().Done():
		return
	}
	if errors.Is(outcome, ErrCancelled) {
		outcome = &Error{Kind: KindCancelled, Reason: ReasonStoppedWaiting}
	}

	if outcome != nil {
		outcome = AsError(outcome)
	}
	h.flow.writePage(w, http.StatusOK, outcome)
}

// writePage shows the browser how its return ended (nil: connected), in
// the front end's words (Config.Page).
func (f *Flow) writePage(w http.ResponseWriter, status int, outcome error) {
	p := Page{Title: "TokenDesk", Message: "Connected."}
	if f.page != nil {
		p = f.page(outcome)
	} else if outcome != nil {
		p.Message = outcome.Error()
	}
	data := assets.CallbackData{OK: outcome == nil, Title: p.Title, Message: p.Message, Hint: p.Hint, Footer: p.Footer, Lang: p.Lang}
	if data.Lang == "" {
		data.Lang = "en"
	}
	var buf bytes.Buffer
	if err := assets.CallbackPage.Execute(&buf, data); err != nil {
		http.Error(w, data.Title, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
