package oauthflow_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// BenchmarkCallbackToToken measures from the browser arriving at the
// loopback receiver to Wait returning the token, against the fake LinkedIn.
// overhead-ms/op is that time minus what the token endpoint itself spent:
// the engine's own cost, which should stay well under 20 ms.
func BenchmarkCallbackToToken(b *testing.B) {
	port := freePort(b)
	redirect := fmt.Sprintf("http://localhost:%d/callback", port)
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret,
		RedirectURLs: []string{redirect}, Scopes: oauthflow.DefaultScopes})
	defer fake.Close()
	cfg := oauthflow.Config{
		Settings: oauthflow.Settings{ClientID: clientID, ClientSecret: clientSecret, RedirectURL: redirect, Scopes: oauthflow.DefaultScopes},
		Endpoint: linkedin.Endpoints{OAuthURL: fake.OAuthURL()}.Flow(),
	}
	browser := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		f, err := oauthflow.Begin(context.Background(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		u, _ := url.Parse(f.AuthURL())
		code := fake.IssueCode(clientID, redirect, oauthflow.DefaultScopes)
		callback := fmt.Sprintf("http://127.0.0.1:%d/callback?code=%s&state=%s", port, code, u.Query().Get("state"))
		b.StartTimer()

		start := time.Now()
		done := make(chan error, 1)
		go func() { _, err := f.Wait(context.Background()); done <- err }()
		resp, err := browser.Get(callback)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
	}
	endpoint, hits := fake.TokenEndpointTime()
	if hits > 0 {
		perOp := float64(total-endpoint) / float64(hits) / float64(time.Millisecond)
		b.ReportMetric(perOp, "overhead-ms/op")
	}
}
