package gui

import (
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// productPicker is the permissions part of the form: the person ticks the
// products their LinkedIn app has (its Products tab), not scope names; the
// self-serve ones in sight, those LinkedIn must approve folded away, each
// with where to request it. Other scopes can still be typed.
type productPicker struct {
	products []linkedin.Product
	checks   []*widget.Check
	other    *widget.Entry
	vetted   *widget.Accordion

	content fyne.CanvasObject
}

func newProductPicker(changed func()) *productPicker {
	p := &productPicker{products: linkedin.Products()}
	selfServe, vetted := container.NewVBox(), container.NewVBox()
	for _, pr := range p.products {
		c := widget.NewCheck(pr.Name+" ("+strings.Join(pr.Scopes, ", ")+")", func(bool) { changed() })
		p.checks = append(p.checks, c)
		if !pr.Approval {
			selfServe.Add(c)
			continue
		}
		c.Text = pr.Name
		row := fyne.CanvasObject(c)
		if u, err := url.Parse(pr.RequestURL); err == nil {
			row = container.NewBorder(nil, nil, nil, widget.NewHyperlink("Request access", u), c)
		}
		vetted.Add(row)
	}
	p.other = widget.NewEntry()
	p.other.SetPlaceHolder("Other permissions, separated by spaces (optional)")
	p.vetted = widget.NewAccordion(widget.NewAccordionItem("Products that need LinkedIn's approval", vetted))
	p.content = container.NewVBox(selfServe, p.vetted, p.other)
	return p
}

// scopes are the ticked products' scopes, then the typed ones.
func (p *productPicker) scopes() []string {
	var ids []string
	for i, c := range p.checks {
		if c.Checked {
			ids = append(ids, p.products[i].ID)
		}
	}
	return append(linkedin.ScopesOf(ids), oauthflow.ParseScopes(p.other.Text)...)
}

// fill ticks each product whose scopes are all asked for; the scopes no
// ticked product covers are typed in the entry. The approval products open
// when one is ticked.
func (p *productPicker) fill(scopes []string) {
	covered := map[string]bool{}
	anyVetted := false
	for i, pr := range p.products {
		on := len(pr.Scopes) > 0
		for _, s := range pr.Scopes {
			on = on && slices.Contains(scopes, s)
		}
		p.checks[i].SetChecked(on)
		if on {
			for _, s := range pr.Scopes {
				covered[s] = true
			}
			anyVetted = anyVetted || pr.Approval
		}
	}
	var other []string
	for _, s := range scopes {
		if !covered[s] {
			other = append(other, s)
		}
	}
	p.other.SetText(strings.Join(other, " "))
	if anyVetted {
		p.vetted.Open(0)
	}
}

// disableables are the picker's widgets, for the form's loading state.
func (p *productPicker) disableables() []fyne.Disableable {
	out := []fyne.Disableable{p.other}
	for _, c := range p.checks {
		out = append(out, c)
	}
	return out
}
