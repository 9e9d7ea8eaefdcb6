package gui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// check is the product's tick box.
func (p *productPicker) check(id string) *widget.Check {
	for i, pr := range p.products {
		if pr.ID == id {
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
	if !q.vetted.Items[0].Open {
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
	walk(p.vetted.Items[0].Detail)
	for _, pr := range p.products {
		if pr.Approval && (!strings.HasPrefix(pr.RequestURL, "https://") || !links[pr.RequestURL]) {
			t.Errorf("%s needs approval, but the form has no link to %q", pr.Name, pr.RequestURL)
		}
	}
}
