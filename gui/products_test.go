package gui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// check is the product's tick box (a folded one's fold is opened first).
func (p *productPicker) check(id string) *widget.Check {
	for i, pr := range p.products {
		if pr.ID == id {
			if p.checks[i] == nil {
				p.openVetted()
			}
			return p.checks[i]
		}
	}
	panic("no product " + id)
}

// Ticking products asks for their scopes; the form read back ticks the
// same products and types the rest; products LinkedIn must approve say so
// with a link to where they are requested.
func TestProductPicker(t *testing.T) {
	test.NewTempApp(t)
	changes := 0
	p := newProductPicker(func() { changes++ })
	p.check("openid-connect").SetChecked(true)
	p.check("community-management").SetChecked(true)
	test.Type(p.other, "r_custom_thing")
	got := p.scopes()
	for _, s := range []string{"openid", "profile", "email", "rw_organization_admin", "w_organization_social", "r_custom_thing"} {
		if !slices.Contains(got, s) {
			t.Errorf("scopes %v lack %s", got, s)
		}
	}
	if changes == 0 {
		t.Error("ticking a product did not tell the form")
	}

	q := newProductPicker(func() {})
	if q.vetted.Visible() || len(q.vetted.Objects) != 0 {
		t.Error("the products that need approval are made before anyone looks at them")
	}
	q.fill(got)
	for _, id := range []string{"openid-connect", "community-management", "share"} { // share: w_member_social comes with Community Management
		if !q.check(id).Checked {
			t.Errorf("after fill, %s is not ticked", id)
		}
	}
	if q.check("advertising").Checked {
		t.Error("Advertising is ticked without its scopes")
	}
	if q.other.Text != "r_custom_thing" {
		t.Errorf("other scopes %q; want only r_custom_thing", q.other.Text)
	}
	if !q.vetted.Visible() {
		t.Error("a ticked product that needs approval is folded away")
	}

	links := map[string]bool{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Hyperlink:
			links[w.URL.String()] = true
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(p.vetted)
	for _, pr := range p.products {
		if pr.Approval && (!strings.HasPrefix(pr.RequestURL, "https://") || !links[pr.RequestURL]) {
			t.Errorf("%s needs approval, but the form has no link to %q", pr.Name, pr.RequestURL)
		}
	}
}

// A folded product ticked by fill counts before its row is made, and its
// row, once made, is ticked.
func TestFoldedProductsCount(t *testing.T) {
	test.NewTempApp(t)
	p := newProductPicker(func() {})
	p.fill([]string{"openid", "profile", "email", "rw_conversions", "r_ads"})
	if !p.vetted.Visible() || !p.check("conversions").Checked {
		t.Error("a ticked product that needs approval is not shown ticked")
	}
	q := newProductPicker(func() {})
	q.fill([]string{"openid", "profile", "email"})
	q.ticked["events"] = true // as fill would have, folded
	if !slices.Contains(q.scopes(), "rw_events") {
		t.Errorf("scopes %v lack a folded ticked product's", q.scopes())
	}
	q.toggleVetted()
	if !q.vetted.Visible() || !q.check("events").Checked {
		t.Error("opening the fold does not show the product ticked")
	}
	q.toggleVetted()
	if q.vetted.Visible() {
		t.Error("the fold does not close")
	}
}
