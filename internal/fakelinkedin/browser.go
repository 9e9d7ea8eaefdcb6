package fakelinkedin

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Browser stands in for the member's web browser: it follows LinkedIn's
// redirects to wherever they lead, and it decides, as real browsers do,
// whether "localhost" means 127.0.0.1 or ::1.
type Browser struct {
	client *http.Client
	// Visited lists every address the browser loaded, in order.
	Visited []string
}

// NewBrowser returns a browser that resolves localhost to localhostIP
// ("127.0.0.1" or "::1").
func NewBrowser(localhostIP string) *Browser {
	b := &Browser{}
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	b.client = &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				host, port, err := net.SplitHostPort(addr)
				if err != nil {
					return nil, err
				}
				if strings.EqualFold(host, "localhost") {
					addr = net.JoinHostPort(localhostIP, port)
				}
				return dialer.DialContext(ctx, network, addr)
			},
			DisableKeepAlives: true,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			b.Visited = append(b.Visited, req.URL.String())
			if len(via) > 10 {
				return fmt.Errorf("too many redirects")
			}
			return nil
		},
	}
	return b
}

// Page is what the browser ended up showing.
type Page struct {
	URL    *url.URL
	Status int
	Body   string
}

// Open loads address and follows redirects to the final page.
func (b *Browser) Open(ctx context.Context, address string) (Page, error) {
	b.Visited = append(b.Visited, address)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return Page{}, err
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return Page{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return Page{URL: resp.Request.URL, Status: resp.StatusCode, Body: string(body)}, err
}

// RedirectTarget loads address on LinkedIn and returns where LinkedIn sends
// the browser back to, without going there: what a person would see in the
// address bar of a "This site can't be reached" page.
func (b *Browser) RedirectTarget(ctx context.Context, address string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return "", err
	}
	c := *b.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return "", fmt.Errorf("LinkedIn did not redirect: HTTP %d: %s", resp.StatusCode, body)
	}
	return resp.Header.Get("Location"), nil
}
