package gui

import (
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// productPicker is the permissions part of the form: the person ticks the
// products their LinkedIn app has (its Products tab), not scope names; the
// self-serve ones in sight, those LinkedIn must approve folded away, each
// with where to request it. Other scopes can still be typed.
//
// The folded rows are made when first shown (most people never open
// them): a window that starts with fewer widgets starts faster and
// smaller. Until then, what fill ticked is kept in ticked.
type productPicker struct {
	products []linkedin.Product
	checks   []*widget.Check // by product; nil for a folded one not made yet
	ticked   map[string]bool // the folded products fill ticked
	changed  func()
	disabled bool

	other      *widget.Entry
	vetted     *fyne.Container // the folded rows, once made
	vettedOpen *widget.Button

	content fyne.CanvasObject
}

func newProductPicker(changed func()) *productPicker {
	p := &productPicker{products: linkedin.Products(), ticked: map[string]bool{}, changed: changed}
	p.checks = make([]*widget.Check, len(p.products))
	selfServe := container.NewVBox()
	for i, pr := range p.products {
		if !pr.Approval {
			p.checks[i] = widget.NewCheck(pr.Name+" ("+strings.Join(pr.Scopes, ", ")+")", func(bool) { changed() })
			selfServe.Add(p.checks[i])
		}
	}
	p.other = widget.NewEntry()
	p.other.SetPlaceHolder(lang.X("products.other.placeholder", "Other permissions, separated by spaces (optional)"))
	p.vetted = container.NewVBox()
	p.vetted.Hide()
	p.vettedOpen = widget.NewButtonWithIcon(lang.X("products.approval", "Products that need LinkedIn's approval"), theme.MenuExpandIcon(), p.toggleVetted)
	p.vettedOpen.Alignment = widget.ButtonAlignLeading
	p.vettedOpen.Importance = widget.LowImportance
	p.content = container.NewVBox(selfServe, p.vettedOpen, p.vetted, p.other)
	return p
}

// toggleVetted shows or hides the products LinkedIn must approve.
func (p *productPicker) toggleVetted() {
	if p.vetted.Visible() {
		p.vetted.Hide()
		p.vettedOpen.SetIcon(theme.MenuExpandIcon())
		return
	}
	p.openVetted()
}

// openVetted shows the products LinkedIn must approve, made on first use.
func (p *productPicker) openVetted() {
	if len(p.vetted.Objects) == 0 {
		for i, pr := range p.products {
			if !pr.Approval {
				continue
			}
			c := widget.NewCheck(pr.Name, func(bool) { p.changed() })
			c.Checked = p.ticked[pr.ID]
			if p.disabled {
				c.Disable()
			}
			p.checks[i] = c
			row := fyne.CanvasObject(c)
			if u, err := url.Parse(pr.RequestURL); err == nil {
				row = container.NewBorder(nil, nil, nil, widget.NewHyperlink(lang.X("products.request_access", "Request access"), u), c)
			}
			p.vetted.Add(row)
		}
	}
	p.vetted.Show()
	p.vettedOpen.SetIcon(theme.MenuDropDownIcon())
}

// on reports whether product i is ticked.
func (p *productPicker) on(i int) bool {
	if c := p.checks[i]; c != nil {
		return c.Checked
	}
	return p.ticked[p.products[i].ID]
}

// scopes are the ticked products' scopes, then the typed ones.
func (p *productPicker) scopes() []string {
	var ids []string
	for i, pr := range p.products {
		if p.on(i) {
			ids = append(ids, pr.ID)
		}
	}
	return append(linkedin.ScopesOf(ids), oauthflow.ParseScopes(p.other.Text)...)
}

// fill ticks each product whose scopes are all asked for; the scopes no
// ticked product covers are typed in the entry. The products LinkedIn must
// approve are shown when one of them is ticked.
func (p *productPicker) fill(scopes []string) {
	covered := map[string]bool{}
	anyVetted := false
	for i, pr := range p.products {
		on := len(pr.Scopes) > 0
		for _, s := range pr.Scopes {
			on = on && slices.Contains(scopes, s)
		}
		p.ticked[pr.ID] = on
		if c := p.checks[i]; c != nil {
			c.SetChecked(on)
		}
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
		p.openVetted()
	}
}

// setEnabled turns the picker's widgets on or off, for the form's loading
// state; rows made later follow.
func (p *productPicker) setEnabled(on bool) {
	p.disabled = !on
	ws := []fyne.Disableable{p.other}
	for _, c := range p.checks {
		if c != nil {
			ws = append(ws, c)
		}
	}
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}
