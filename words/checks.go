package words

// What a check of a token found, in words (area checks): each product's
// answer and its fix, the roles LinkedIn names, a token LinkedIn no longer
// accepts, a LinkedIn-Version it no longer serves. The facts come from
// linkedin.WhatWorks and connection.Status; nothing here names a button
// or a command (CheckStep says the next step as a fact).

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
)

// ProductName is a product's name as LinkedIn writes it on the Developer
// Portal's Products tab (LinkedIn does not translate it).
func ProductName(id string) string {
	if p, ok := linkedin.ProductByID(id); ok {
		return p.Name
	}
	return id
}

// Check says one product's answer (message) and what would fix it (hint,
// possibly empty). a is the whole check, for the names of the Page or ad
// account the read was made on.
func Check(a linkedin.Abilities, p linkedin.ProductCheck) (message, hint string) {
	product := ProductName(p.Product)
	data := map[string]any{"Product": product, "Permissions": strings.Join(p.Needs, ", "),
		"Page": pageName(a, p.On), "Account": accountName(a, p.On), "Version": a.Version}
	switch p.Outcome {
	case linkedin.OutcomeWorks:
		switch p.Product {
		case linkedin.ProductShare:
			return lang.X("check.works.share", "Works: LinkedIn lists the permission to post as you. (Nothing was posted to check it.)", data), ""
		case linkedin.ProductOpenID:
			return lang.X("check.works.who", "Works: LinkedIn said who you are.", data), ""
		}
		return lang.X("check.works", "Works: LinkedIn answered a read that needs it.", data), ""
	case linkedin.OutcomeNotAsked:
		return lang.X("check.not_asked.message", "Not asked for: this token does not have its permission ({{.Permissions}}).", data),
			lang.X("check.not_asked.hint", "To use it, add {{.Product}} on your app's Products tab in the LinkedIn Developer Portal, then sign in again asking for its permissions.", data)
	case linkedin.OutcomeNoTarget:
		if p.Target == linkedin.TargetPage {
			return lang.X("check.no_page.message", "Not checked: it reads a LinkedIn Page you have a role on, and none was found.", data),
				lang.X("check.no_page.hint", "TokenDesk finds your Pages with the Community Management API; you also need a role on the Page.", data)
		}
		return lang.X("check.no_ad_account.message", "Not checked: it reads an ad account you have a role on, and none was found.", data),
			lang.X("check.no_ad_account.hint", "TokenDesk finds your ad accounts with the Advertising API; you also need a role on the account in Campaign Manager.", data)
	case linkedin.OutcomeCouldNotAsk:
		switch p.Trouble {
		case linkedin.TroubleOffline:
			return lang.X("check.offline.message", "Could not be checked: LinkedIn could not be reached.", data),
				timeoutHint(data) // the same words as a timeout's
		case linkedin.TroubleTimeout:
			return lang.X("check.timeout.message", "Could not be checked: LinkedIn did not answer in time.", data),
				lang.X("check.timeout.hint", "LinkedIn or your connection is slow at the moment.", data)
		case linkedin.TroubleCancelled:
			return lang.X("check.cancelled.message", "Not checked: the check was stopped.", data), ""
		case linkedin.TroubleLinkedInDown:
			return lang.X("check.down.message", "Could not be checked: LinkedIn is down or busy.", data),
				lang.X("check.down.hint", "This is on LinkedIn's side and usually passes within minutes.", data)
		case linkedin.TroublePermissionsUnknown:
			return lang.X("check.share_unknown.message", "Not known: Share on LinkedIn can only post, and LinkedIn did not say which permissions this token has.", data),
				lang.X("check.share_unknown.hint", "TokenDesk asks LinkedIn for them with the app's Client ID and client secret.", data)
		}
		return lang.X("check.unreadable.message", "Could not be checked: TokenDesk could not read LinkedIn's answer.", data), ""
	}
	// OutcomeDenied
	switch p.Denial {
	case linkedin.DeniedNoProduct:
		return lang.X("check.no_product.message", "Does not work: LinkedIn says this app may not use {{.Product}}.", data),
			lang.X("check.no_product.hint", "Add {{.Product}} on your app's Products tab in the LinkedIn Developer Portal and wait until LinkedIn approves it, then sign in again.", data)
	case linkedin.DeniedNotPageAdmin:
		return lang.X("check.not_page_admin.message", "Does not work: you are not an admin of the Page {{.Page}}.", data),
			lang.X("check.not_page_admin.hint", "Ask a super admin of the Page to give you the admin role, in the Page's admin tools under Manage admins.", data)
	case linkedin.DeniedViewerOnly:
		return lang.X("check.viewer_only.message", "Does not work: you only have the viewer role on the ad account {{.Account}}.", data),
			lang.X("check.viewer_only.hint", "Ask an account manager of the ad account for a role above viewer (such as campaign manager), in Campaign Manager under Manage access.", data)
	case linkedin.DeniedTokenRejected:
		return lang.X("check.rejected.message", "Does not work: LinkedIn no longer accepts this token.", data),
			lang.X("check.rejected.hint", "A new token comes with signing in again.", data)
	case linkedin.DeniedRetiredVersion:
		return lang.X("check.retired.message", "Does not work: LinkedIn no longer serves LinkedIn-Version {{.Version}}.", data),
			lang.X("check.retired.hint", "Use a LinkedIn-Version from the last twelve months (YYYYMM).", data)
	}
	data["Status"], data["Code"] = p.Status, p.Code
	return lang.X("check.other.message", "Does not work: LinkedIn answered {{.Status}} {{.Code}}.", data),
		lang.X("check.other.hint", "LinkedIn's own words are in the details.", data)
}

// CheckDetail is LinkedIn's answer to a product's read, as it sent it, for
// Details: "GET /rest/… → 403 ACCESS_DENIED (100): Not enough permissions…".
// Technical, like an error's detail: not translated. "" when there is none.
func CheckDetail(p linkedin.ProductCheck) string {
	switch {
	case p.Err != nil:
		return strings.TrimSpace(p.Call + " " + p.Err.Error())
	case p.Status == 0 && p.Code == "":
		return ""
	}
	s := fmt.Sprintf("%s → %d %s", p.Call, p.Status, p.Code)
	if p.ServiceErrorCode != 0 {
		s += fmt.Sprintf(" (%d)", p.ServiceErrorCode)
	}
	if p.Message != "" {
		s += ": " + p.Message
	}
	return strings.TrimSpace(s)
}

// CheckStep is what a person can do next about a product's answer.
func CheckStep(p linkedin.ProductCheck) Next {
	switch {
	case p.Outcome == linkedin.OutcomeDenied && p.Denial == linkedin.DeniedTokenRejected:
		return NextSignIn
	case p.Outcome == linkedin.OutcomeCouldNotAsk && p.Trouble == linkedin.TroubleLinkedInDown:
		return NextLater
	case p.Outcome == linkedin.OutcomeCouldNotAsk && p.Trouble != linkedin.TroublePermissionsUnknown:
		return NextRetry
	}
	return NextNone
}

// RetiredVersion says that LinkedIn no longer serves a's first version,
// and the one to use instead: "" when it serves the version asked.
func RetiredVersion(a linkedin.Abilities) (message, hint string) {
	if a.RetiredVersion == "" {
		return "", ""
	}
	data := map[string]any{"Retired": a.RetiredVersion, "Version": a.Version}
	if !a.ServedFound {
		return lang.X("check.version.retired", "LinkedIn no longer serves LinkedIn-Version {{.Retired}}.", data),
			lang.X("check.version.none_found", "TokenDesk found no version it serves in the last twelve months: check LinkedIn's versioning page for one.", data)
	}
	return lang.X("check.version.retired", "LinkedIn no longer serves LinkedIn-Version {{.Retired}}.", data),
		lang.X("check.version.use", "Use {{.Version}}, the newest version LinkedIn serves: this check asked with it.", data)
}

// Rejected says why LinkedIn no longer accepts a token, and the fix: a
// new token comes with signing in again (the window shows it beside its
// button for that).
func Rejected(r connection.Rejection) (message, hint string) {
	message, why := RejectedWhy(r)
	return message, strings.TrimSpace(why + " " + lang.X("check.rejected.hint", "A new token comes with signing in again."))
}

// RejectedWhy is Rejected without the fix, for a front end that says the
// fix as its own step (the terminal: the command that signs in), so that
// it is said once. why may be empty.
func RejectedWhy(r connection.Rejection) (message, why string) {
	switch r {
	case connection.RejectedRevoked:
		return lang.X("status.rejected.revoked", "LinkedIn no longer accepts this token: it was revoked.", nil),
			lang.X("status.rejected.revoked_hint", "The app's access was removed in LinkedIn's settings (Data privacy, Permitted services), or you signed in again with other permissions.", nil)
	case connection.RejectedExpired:
		return lang.X("status.rejected.expired", "LinkedIn says this token has expired.", nil), ""
	case connection.RejectedOtherApp:
		return lang.X("status.rejected.other_app", "LinkedIn says this token belongs to another app, not to this Client ID.", nil),
			lang.X("status.rejected.other_app_hint", "Check the Client ID.", nil)
	}
	return lang.X("status.rejected.unknown", "LinkedIn does not know this token.", nil), ""
}

// PageRole is a Page role as LinkedIn's Page admin tools name it.
func PageRole(role string) string {
	switch role {
	case "ADMINISTRATOR":
		return lang.X("role.page.administrator", "Super admin")
	case "CONTENT_ADMINISTRATOR":
		return lang.X("role.page.content_admin", "Content admin")
	case "ANALYST":
		return lang.X("role.page.analyst", "Analyst")
	case "CURATOR":
		return lang.X("role.page.curator", "Curator")
	case "DIRECT_SPONSORED_CONTENT_POSTER":
		return lang.X("role.page.sponsored_poster", "Sponsored content poster")
	case "LEAD_GEN_FORMS_MANAGER":
		return lang.X("role.page.lead_gen", "Lead gen forms manager")
	case "RECRUITING_POSTER":
		return lang.X("role.page.recruiting", "Recruiting poster")
	}
	return role
}

// AdAccountRole is an ad account role as Campaign Manager names it.
func AdAccountRole(role string) string {
	switch role {
	case "VIEWER":
		return lang.X("role.ads.viewer", "Viewer")
	case "CREATIVE_MANAGER":
		return lang.X("role.ads.creative_manager", "Creative manager")
	case "CAMPAIGN_MANAGER":
		return lang.X("role.ads.campaign_manager", "Campaign manager")
	case "ACCOUNT_MANAGER":
		return lang.X("role.ads.account_manager", "Account manager")
	case "ACCOUNT_BILLING_ADMIN":
		return lang.X("role.ads.billing_admin", "Billing admin")
	}
	return role
}

// pageName is the name of the Page urn names in a, or its URN.
func pageName(a linkedin.Abilities, urn string) string {
	for _, p := range a.Pages {
		if p.URN == urn && p.Name != "" {
			return p.Name
		}
	}
	return urn
}

// accountName is the name of the ad account urn names in a, or its URN.
func accountName(a linkedin.Abilities, urn string) string {
	for _, x := range a.AdAccounts {
		if x.URN == urn && x.Name != "" {
			return x.Name
		}
	}
	return urn
}
