package linkedin

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// A LinkedIn app gets scopes only through the products on its Products tab,
// so this catalogue is how TokenDesk tells a marketer which product to add
// when LinkedIn answers unauthorized_scope_error. The facts live in
// products.json, beside the LinkedIn pages they were read from, so that
// checking them again means reading one file.
//
//go:embed products.json
var productsJSON []byte

// Product is one of LinkedIn's products as the Developer Portal offers it.
type Product struct {
	ID         string   // stable identifier, e.g. "community-management"
	Name       string   // as the Developer Portal's Products tab names it
	Scopes     []string // the scopes it grants, in the order LinkedIn's docs list them
	Approval   bool     // LinkedIn must approve the app first: not self-serve
	RequestURL string   // where to request it: LinkedIn's docs page, or the Developer Portal for self-serve products
	Summary    string   // what it lets you do, in a marketer's words
	Note       string   // what the docs leave uncertain or what a marketer should know; may be empty
}

// catalogueFile is products.json as written; Docs are the pages its facts
// come from, for whoever checks them next, not for the window.
type catalogueFile struct {
	Source   string `json:"source"`
	Checked  string `json:"checked"`
	Products []struct {
		ID         string   `json:"id"`
		Name       string   `json:"name"`
		Scopes     []string `json:"scopes"`
		Approval   bool     `json:"approval"`
		RequestURL string   `json:"request_url"`
		Summary    string   `json:"summary"`
		Note       string   `json:"note"`
		Docs       []string `json:"docs"`
	} `json:"products"`
}

// catalogue parses products.json once, on first use. The file is compiled
// in, so a parse error is a bug the tests catch, not a user's problem.
var catalogue = sync.OnceValue(func() []Product {
	products, err := parseCatalogue(productsJSON)
	if err != nil {
		panic(err)
	}
	return products
})

func parseCatalogue(data []byte) ([]Product, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // a misspelt key would otherwise vanish silently
	var f catalogueFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("linkedin: products.json: %w", err)
	}
	products := make([]Product, 0, len(f.Products))
	for _, p := range f.Products {
		products = append(products, Product{ID: p.ID, Name: p.Name, Scopes: p.Scopes, Approval: p.Approval,
			RequestURL: p.RequestURL, Summary: p.Summary, Note: p.Note})
	}
	return products, nil
}

// clone keeps callers from editing the shared catalogue through a slice.
func (p Product) clone() Product {
	p.Scopes = slices.Clone(p.Scopes)
	return p
}

// Products is the catalogue, in the order a marketer meets the products:
// sign-in and sharing first, then the Page, ads and lead products.
func Products() []Product {
	all := catalogue()
	out := make([]Product, len(all))
	for i, p := range all {
		out[i] = p.clone()
	}
	return out
}

// ProductByID finds a product by its ID.
func ProductByID(id string) (Product, bool) {
	for _, p := range catalogue() {
		if p.ID == id {
			return p.clone(), true
		}
	}
	return Product{}, false
}

// ProductsGranting lists the products that grant scope, in catalogue order:
// what to add on the app's Products tab after an unauthorized_scope_error.
// It is empty for a scope no product grants, such as the retired
// r_liteprofile.
func ProductsGranting(scope string) []Product {
	out := []Product{}
	for _, p := range catalogue() {
		if slices.Contains(p.Scopes, scope) {
			out = append(out, p.clone())
		}
	}
	return out
}

// ScopesOf is every scope the given products grant, each once, in the order
// of ids and then of each product's scopes. Unknown IDs are skipped: a
// product LinkedIn retired must not stop the others from being asked for.
func ScopesOf(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		p, ok := ProductByID(id)
		if !ok {
			continue
		}
		for _, s := range p.Scopes {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// NameTheProduct gives a refused permission's error (unauthorized_scope_error)
// the products granting that permission (Products), and the one that needs
// LinkedIn's approval and where to ask for it (Approval, RequestURL), so
// that its words can name them. Any other error is returned as it is.
func NameTheProduct(err error) error {
	var e *oauthflow.Error
	if !errors.As(err, &e) || e.Kind != oauthflow.KindUnauthorizedScope || e.Scope == "" {
		return err
	}
	grants := ProductsGranting(e.Scope)
	if len(grants) == 0 {
		return err
	}
	out := *e
	out.Reason = ReasonScopeInProducts
	out.Products = make([]string, len(grants))
	for i, p := range grants {
		out.Products[i] = p.Name
	}
	if p := grants[0]; p.Approval {
		out.Reason, out.Approval, out.RequestURL = ReasonScopeNeedsApproval, p.Name, p.RequestURL
	}
	return &out
}
