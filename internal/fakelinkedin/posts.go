package fakelinkedin

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LinkedIn's Posts API, POST /rest/posts, as the snippets TokenDesk writes
// use it (TokenDesk itself never posts). The rules kept, from
// ../shared/linkedin-oauth.md and LinkedIn's Posts API page:
//   - a good bearer token (the 401s of every API call);
//   - LinkedIn-Version (YYYYMM, a version LinkedIn serves: 400 when missing,
//     426 NONEXISTENT_VERSION when not active) and
//     X-Restli-Protocol-Version: 2.0.0;
//   - a JSON body with author, commentary, visibility,
//     distribution.feedDistribution and lifecycleState (422 otherwise);
//   - the author the member (urn:li:person:SUB, w_member_social) or a Page
//     the member administers (urn:li:organization:ID,
//     w_organization_social); otherwise 403 ACCESS_DENIED,
//     serviceErrorCode 100;
//   - 201 Created, no body, the new post's URN in the x-restli-id header.

// Post is a post that reached the fake, for tests to check what arrived.
type Post struct {
	ID               string // urn:li:share:N, as the x-restli-id header said
	Author           string
	Commentary       string
	Visibility       string
	FeedDistribution string
	LifecycleState   string
	Version          string // the LinkedIn-Version it was sent with
}

// postBoard is what the Posts API keeps: the Pages the member administers
// and the posts made.
type postBoard struct {
	mu    sync.Mutex
	pages []string // organization URNs
	posts []Post
}

// SetAdministeredPages says which Pages (urn:li:organization:ID) the member
// administers: posts as them are allowed with w_organization_social.
func (s *Server) SetAdministeredPages(urns ...string) {
	s.posts.mu.Lock()
	s.posts.pages = slices.Clone(urns)
	s.posts.mu.Unlock()
}

// Posts are the posts made so far, oldest first.
func (s *Server) Posts() []Post {
	s.posts.mu.Lock()
	defer s.posts.mu.Unlock()
	return slices.Clone(s.posts.posts)
}

// firstVersion is LinkedIn's first versioned release; each version is
// served for at least a year, and the fake serves it for exactly one.
const firstVersion = "202206"

// activeVersion says whether LinkedIn serves version v at now.
func activeVersion(v string, now time.Time) bool {
	if len(v) != 6 {
		return false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n%100 < 1 || n%100 > 12 {
		return false
	}
	y, m, _ := now.UTC().Date()
	yearAgo := time.Date(y-1, m, 1, 0, 0, 0, 0, time.UTC).Format("200601")
	return v >= firstVersion && v >= yearAgo && v <= now.UTC().Format("200601")
}

// createPost is POST /rest/posts.
func (s *Server) createPost(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	issued, ok := s.bearer(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	member, now := s.member, s.now()
	s.mu.Unlock()

	version := r.Header.Get("LinkedIn-Version")
	switch {
	case version == "":
		apiError(w, http.StatusBadRequest, 0, "VERSION_MISSING", "A version must be present. Please specify a version by adding the LinkedIn-Version header.")
		return
	case !activeVersion(version, now):
		apiError(w, http.StatusUpgradeRequired, 0, "NONEXISTENT_VERSION", "Requested version "+version+" is not active")
		return
	case r.Header.Get("X-Restli-Protocol-Version") != "2.0.0":
		apiError(w, http.StatusBadRequest, 0, "INVALID_REQUEST", "The X-Restli-Protocol-Version header must be 2.0.0")
		return
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		apiError(w, http.StatusBadRequest, 0, "INVALID_REQUEST", "Content-Type must be application/json")
		return
	}
	var body struct {
		Author, Commentary, Visibility, LifecycleState *string
		Distribution                                   *struct{ FeedDistribution *string }
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body); err != nil {
		apiError(w, http.StatusBadRequest, 0, "INVALID_REQUEST", "Could not parse the request body as JSON")
		return
	}
	if why := checkPostBody(body.Author, body.Commentary, body.Visibility, body.LifecycleState, body.Distribution); why != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": 422, "errorDetailType": "com.linkedin.common.error.BadRequest", "message": why})
		return
	}
	author := *body.Author
	denied := func() {
		apiError(w, http.StatusForbidden, 100, "ACCESS_DENIED", "Not enough permissions to access: partnerApiPostsExternal.CREATE."+version)
	}
	s.posts.mu.Lock()
	defer s.posts.mu.Unlock()
	switch {
	case strings.HasPrefix(author, "urn:li:person:"):
		if !slices.Contains(issued.Scopes, "w_member_social") || author != "urn:li:person:"+member.Sub {
			denied()
			return
		}
	case strings.HasPrefix(author, "urn:li:organization:"):
		if !slices.Contains(issued.Scopes, "w_organization_social") || !slices.Contains(s.posts.pages, author) {
			denied()
			return
		}
	default:
		denied()
		return
	}
	p := Post{ID: fmt.Sprintf("urn:li:share:%d", 7100000000000000000+len(s.posts.posts)), Author: author,
		Commentary: *body.Commentary, Visibility: *body.Visibility, FeedDistribution: *body.Distribution.FeedDistribution,
		LifecycleState: *body.LifecycleState, Version: version}
	s.posts.posts = append(s.posts.posts, p)
	w.Header().Set("x-restli-id", p.ID)
	w.WriteHeader(http.StatusCreated)
}

// checkPostBody says what is wrong with a text post's fields, as LinkedIn's
// 422 does, or "".
func checkPostBody(author, commentary, visibility, lifecycle *string, distribution *struct{ FeedDistribution *string }) string {
	oneOf := func(field string, v *string, allowed ...string) string {
		switch {
		case v == nil:
			return "Field /" + field + " is required"
		case !slices.Contains(allowed, *v):
			return fmt.Sprintf("Field /%s: %q is not one of %s", field, *v, strings.Join(allowed, ", "))
		}
		return ""
	}
	switch {
	case author == nil:
		return "Field /author is required"
	case !strings.HasPrefix(*author, "urn:li:person:") && !strings.HasPrefix(*author, "urn:li:organization:"):
		return fmt.Sprintf("Field /author: %q is not a person or organization URN", *author)
	case commentary == nil || strings.TrimSpace(*commentary) == "":
		return "Field /commentary is required for a text post"
	case distribution == nil:
		return "Field /distribution is required"
	}
	for _, why := range []string{
		oneOf("visibility", visibility, "PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"),
		oneOf("distribution/feedDistribution", distribution.FeedDistribution, "MAIN_FEED", "NONE"),
		oneOf("lifecycleState", lifecycle, "PUBLISHED", "DRAFT"),
	} {
		if why != "" {
			return why
		}
	}
	return ""
}
