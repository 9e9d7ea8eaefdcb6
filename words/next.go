package words

import (
	"errors"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// Next is what a person can do about an error once they have read its
// words, as a fact: not which button or command. The hint says what
// happened and what to check; each front end says the step in its own
// words (the window names its button, the terminal its command).
type Next int

const (
	NextNone   Next = iota // nothing to start again: the hint says what to change, or nothing needs doing
	NextRetry              // do the same again, once what the hint says is seen to
	NextLater              // do the same again later: LinkedIn may be back by then
	NextSignIn             // sign in again, for a new token
	NextPaste              // sign in again, and paste the address the browser shows
)

// NextStep is what a person can do next about err, read as Explain reads
// it (the outer error speaks). An error it knows nothing of can be tried
// again.
func NextStep(err error) Next {
	if err == nil {
		return NextNone
	}
	var fe *oauthflow.Error
	var se *store.Error
	hasFlow, hasStore := errors.As(err, &fe), errors.As(err, &se)
	switch {
	case hasStore && (!hasFlow || errors.As(se.Err, new(*oauthflow.Error))):
		if _, known := storeFacts[se.Reason]; !known {
			return storeNext[store.ReasonNotSaved]
		}
		return storeNext[se.Reason]
	case hasFlow:
		if _, known := flowFacts[fact{fe.Kind, fe.Reason}]; !known {
			return flowNext[fact{oauthflow.KindLinkedInError, oauthflow.ReasonUnexpected}]
		}
		return flowNext[fact{fe.Kind, fe.Reason}]
	}
	return NextRetry
}

// NoticeStep is what a person can do next about a notice.
func NoticeStep(n store.Notice) Next {
	if n.Kind == store.NoticeKeychainUnreachable {
		return NextRetry
	}
	return NextNone
}

// flowNext is the step of each fact that has one; any other has none (a
// setting to change, a paste to make again, nothing to do).
var flowNext = map[fact]Next{
	{oauthflow.KindCancelledLogin, oauthflow.ReasonLoginCancelled}:         NextSignIn,
	{oauthflow.KindCancelledAuthorize, oauthflow.ReasonAuthorizeCancelled}: NextSignIn,
	{oauthflow.KindCancelledAuthorize, oauthflow.ReasonAccessDenied}:       NextSignIn,
	{oauthflow.KindUnauthorizedScope, oauthflow.ReasonScopeRefused}:        NextRetry,
	{oauthflow.KindUnauthorizedScope, oauthflow.ReasonSomeScopeRefused}:    NextRetry,
	{oauthflow.KindUnauthorizedScope, linkedin.ReasonScopeInProducts}:      NextRetry,
	{oauthflow.KindUnauthorizedScope, linkedin.ReasonScopeNeedsApproval}:   NextRetry,
	{oauthflow.KindLinkedInDown, oauthflow.ReasonSignInUnavailable}:        NextLater,
	{oauthflow.KindLinkedInError, oauthflow.ReasonSignInStopped}:           NextRetry,

	{oauthflow.KindCodeRejected, oauthflow.ReasonCodeRejected}:      NextSignIn,
	{oauthflow.KindBadClient, oauthflow.ReasonClientRejected}:       NextRetry,
	{oauthflow.KindTokenRejected, oauthflow.ReasonRefreshRejected}:  NextSignIn,
	{oauthflow.KindTokenRejected, oauthflow.ReasonNoRefreshToken}:   NextSignIn,
	{oauthflow.KindLinkedInDown, oauthflow.ReasonTokenUnavailable}:  NextLater,
	{oauthflow.KindLinkedInError, oauthflow.ReasonTokenRefused}:     NextRetry,
	{oauthflow.KindLinkedInError, oauthflow.ReasonTokenUnreadable}:  NextRetry,
	{oauthflow.KindCancelled, oauthflow.ReasonGettingToken}:         NextRetry,
	{oauthflow.KindCancelled, linkedin.ReasonCheckingWho}:           NextRetry,
	{oauthflow.KindCancelled, linkedin.ReasonCheckingToken}:         NextRetry,
	{oauthflow.KindTimeout, oauthflow.ReasonGettingToken}:           NextRetry,
	{oauthflow.KindTimeout, linkedin.ReasonCheckingWho}:             NextRetry,
	{oauthflow.KindTimeout, linkedin.ReasonCheckingToken}:           NextRetry,
	{oauthflow.KindNetwork, oauthflow.ReasonGettingToken}:           NextRetry,
	{oauthflow.KindNetwork, linkedin.ReasonCheckingWho}:             NextRetry,
	{oauthflow.KindNetwork, linkedin.ReasonCheckingToken}:           NextRetry,
	{oauthflow.KindCancelled, linkedin.ReasonCheckingWhat}:          NextRetry,
	{oauthflow.KindTimeout, linkedin.ReasonCheckingWhat}:            NextRetry,
	{oauthflow.KindNetwork, linkedin.ReasonCheckingWhat}:            NextRetry,
	{oauthflow.KindLinkedInError, linkedin.ReasonCheckUnreadable}:   NextLater,
	{oauthflow.KindPortBusy, oauthflow.ReasonPortBusy}:              NextRetry,
	{oauthflow.KindPortForbidden, oauthflow.ReasonPortForbidden}:    NextRetry,
	{oauthflow.KindNetwork, oauthflow.ReasonNoReceiver}:             NextPaste,
	{oauthflow.KindCancelled, oauthflow.ReasonStoppedWaiting}:       NextSignIn,
	{oauthflow.KindCancelled, oauthflow.ReasonInputEnded}:           NextPaste,
	{oauthflow.KindTimeout, oauthflow.ReasonNoBrowserReply}:         NextPaste,
	{oauthflow.KindLinkedInError, oauthflow.ReasonNoState}:          NextRetry,
	{oauthflow.KindFlowOver, oauthflow.ReasonFinished}:              NextSignIn,
	{oauthflow.KindStateMismatch, oauthflow.ReasonLinkStale}:        NextSignIn,
	{oauthflow.KindLinkedInError, oauthflow.ReasonUnexpected}:       NextRetry,
	{oauthflow.KindLinkedInError, linkedin.ReasonWhoUnreadable}:     NextLater,
	{oauthflow.KindTokenRejected, linkedin.ReasonWhoTokenRefused}:   NextSignIn,
	{oauthflow.KindTokenRejected, linkedin.ReasonWhoTokenRevoked}:   NextSignIn,
	{oauthflow.KindTokenRejected, linkedin.ReasonWhoTokenExpired}:   NextSignIn,
	{linkedin.KindNotAllowed, linkedin.ReasonWhoNotAllowed}:         NextSignIn,
	{oauthflow.KindLinkedInDown, linkedin.ReasonWhoUnavailable}:     NextLater,
	{oauthflow.KindLinkedInError, linkedin.ReasonInspectUnreadable}: NextLater,
	{oauthflow.KindBadClient, linkedin.ReasonInspectSecret}:         NextRetry,
	{oauthflow.KindTokenRejected, linkedin.ReasonInspectUnknown}:    NextSignIn,
	{oauthflow.KindLinkedInDown, linkedin.ReasonInspectUnavailable}: NextLater,
}

// storeNext is the step of each store reason that has one.
var storeNext = map[store.Reason]Next{
	store.ReasonNoFolder:           NextRetry,
	store.ReasonBusy:               NextRetry,
	store.ReasonNotSaved:           NextRetry,
	store.ReasonDiskFull:           NextRetry,
	store.ReasonReadOnlyFolder:     NextRetry,
	store.ReasonSettingsUnreadable: NextRetry,
	store.ReasonSecretsUnreadable:  NextRetry,
	store.ReasonKeychainLocked:     NextRetry,
	store.ReasonKeychainFailed:     NextRetry,
	store.ReasonKeychainSilent:     NextRetry,
	store.ReasonNoToken:            NextSignIn,
}
