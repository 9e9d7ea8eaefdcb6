package fakelinkedin

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
)

// LinkedIn's Posts API, POST /rest/posts, as the snippets TokenDesk writes
// use it (TokenDesk itself never posts). The rules kept, from
// ../shared/linkedin-oauth.md and LinkedIn's Posts API page, with /rest's
// own (rest.go: the token first, then the headers, then the version):
//   - LinkedIn-Version (400 VERSION_MISSING; 426 NONEXISTENT_VERSION for
//     one not served) and X-Restli-Protocol-Version: 2.0.0;
//   - a JSON body with author, commentary, visibility,
//     distribution.feedDistribution and lifecycleState (422 otherwise);
//   - the author the member (urn:li:person:SUB, w_member_social) or a Page
//     the member may post for (urn:li:organization:ID, w_organization_social,
//     the role ADMINISTRATOR or CONTENT_ADMINISTRATOR: SetPages); otherwise
//     403 ACCESS_DENIED, serviceErrorCode 100. A permission works when the
//     token has it and the app still has the product that grants it;
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

// postBoard is the posts made. Guarded by Server.mu.
type postBoard struct {
	posts []Post
}

// Posts are the posts made so far, oldest first.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.posts.posts)
}

// postingRoles are the roles on a Page that let a member post as it.
var postingRoles = []string{"ADMINISTRATOR", "CONTENT_ADMINISTRATOR"}

// createPost is POST /rest/posts.
func (s *Server) createPost(w http.ResponseWriter, r *http.Request) {
	version, restli := r.Header.Get("LinkedIn-Version"), r.Header.Get("X-Restli-Protocol-Version")
	s.mu.Lock()
	s.rest.calls = append(s.rest.calls, RestCall{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Version: version, Restli: restli})
	s.mu.Unlock()
	if r.Method != http.MethodPost {
		apiError(w, http.StatusMethodNotAllowed, 0, "METHOD_NOT_ALLOWED", "The fake LinkedIn serves only POST on "+r.URL.Path)
		return
	}
	issued, ok := s.bearer(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	served, now, member, pages := s.rest.served, s.now(), s.member, slices.Clone(s.rest.pages)
	app, appKnown := s.apps[issued.ClientID]
	s.mu.Unlock()
	if served == nil {
		served = func(v string) bool { return servedByDefault(v, now) }
	}
	switch {
	case version == "":
		apiError(w, http.StatusBadRequest, 0, "VERSION_MISSING", "A version must be present. Please specify a version by adding the LinkedIn-Version header.")
		return
	case restli != "2.0.0":
		apiError(w, http.StatusBadRequest, 0, "ILLEGAL_ARGUMENT", "X-Restli-Protocol-Version must be 2.0.0")
		return
	case !served(version):
		apiError(w, http.StatusUpgradeRequired, 0, "NONEXISTENT_VERSION", fmt.Sprintf("Requested version %s01 is not active", version))
		return
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		apiError(w, http.StatusBadRequest, 0, "ILLEGAL_ARGUMENT", "Content-Type must be application/json")
		return
	}
	var body struct {
		Author, Commentary, Visibility, LifecycleState *string
		Distribution                                   *struct{ FeedDistribution *string }
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body); err != nil {
		apiError(w, http.StatusBadRequest, 0, "ILLEGAL_ARGUMENT", "Could not parse the request body as JSON")
		return
	}
	if why := checkPostBody(body.Author, body.Commentary, body.Visibility, body.LifecycleState, body.Distribution); why != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": 422, "errorDetailType": "com.linkedin.common.error.BadRequest", "message": why})
		return
	}
	allowed := func(scope string) bool {
		return slices.Contains(issued.Scopes, scope) && (!appKnown || slices.Contains(app.Scopes, scope))
	}
	author := *body.Author
	var may bool
	switch {
	case strings.HasPrefix(author, "urn:li:person:"):
		may = allowed("w_member_social") && author == "urn:li:person:"+member.Sub
	case strings.HasPrefix(author, "urn:li:organization:"):
		may = allowed("w_organization_social") && slices.ContainsFunc(pages, func(p OrgPage) bool {
			return author == fmt.Sprintf("urn:li:organization:%d", p.ID) && slices.Contains(postingRoles, p.Role)
		})
	}
	if !may {
		apiError(w, http.StatusForbidden, 100, "ACCESS_DENIED", fmt.Sprintf("Not enough permissions to access: partnerApiPostsExternal.CREATE.%s01", version))
		return
	}
	s.mu.Lock()
	p := Post{ID: fmt.Sprintf("urn:li:share:%d", 7100000000000000000+len(s.posts.posts)), Author: author,
		Commentary: *body.Commentary, Visibility: *body.Visibility, FeedDistribution: *body.Distribution.FeedDistribution,
		LifecycleState: *body.LifecycleState, Version: version}
	s.posts.posts = append(s.posts.posts, p)
	s.mu.Unlock()
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
