package store

import (
	"encoding/json"
	"path/filepath"
)

// A TokenDesk from before connections (version 1 of settings.json) may run
// again after this one: its window left open across an upgrade, or its
// binary still on the PATH. It reads the top-level fields and, when it
// saves, writes version 1 with those fields only. So that nothing is lost
// either way:
//   - every version 2 file also has DefaultConnection's fields at the top
//     level (mirrorDefault): the older TokenDesk sees that connection, with
//     the keychain slot its token is in, and never takes it for a leftover;
//   - a copy of the whole file is kept beside it (connections.json): when
//     settings.json turns out to be version 1 again, the connections come
//     from the copy, and DefaultConnection from what the older TokenDesk
//     saved (withVersion1).

// copyFileName is the copy of settings.json that an older TokenDesk does
// not know, and so never rewrites.
const copyFileName = "connections.json"

func (s *Store) copyPath() string { return filepath.Join(s.dir, copyFileName) }

// readCopy reads the copy, if there is one and it is version 2.
func (s *Store) readCopy() (settingsFile, bool) {
	data, err := readLimited(s.copyPath())
	if err != nil {
		return settingsFile{}, false
	}
	var sf settingsFile
	if json.Unmarshal(data, &sf) != nil || sf.Version < settingsVersion {
		return settingsFile{}, false
	}
	sf.upgrade(settingsRead)
	return sf, true
}

// withVersion1 is the copy sf with what an older TokenDesk saved in the
// version 1 file v1: its one connection is DefaultConnection, and it says
// where the secrets are.
func (sf settingsFile) withVersion1(v1 settingsFile) settingsFile {
	cf := sf.conn(DefaultConnection)
	if cf == nil {
		cf = &connFile{ID: DefaultConnection, Name: DefaultConnection}
		sf.Connections = append([]*connFile{cf}, sf.Connections...)
	}
	cf.ClientID, cf.RedirectURL, cf.Scopes, cf.PKCE, cf.Token = v1.V1ClientID, v1.V1RedirectURL, v1.V1Scopes, v1.V1PKCE, v1.V1Token
	sf.SecretsIn, sf.FileNoticeShown = v1.SecretsIn, v1.FileNoticeShown
	if sf.conn(sf.Current) == nil {
		sf.Current = DefaultConnection
	}
	return sf
}

// mirrorDefault copies DefaultConnection to the top-level fields.
func (sf *settingsFile) mirrorDefault() {
	sf.V1ClientID, sf.V1RedirectURL, sf.V1Scopes, sf.V1PKCE, sf.V1Token = "", "", nil, false, nil
	if cf := sf.conn(DefaultConnection); cf != nil {
		sf.V1ClientID, sf.V1RedirectURL, sf.V1Scopes, sf.V1PKCE, sf.V1Token = cf.ClientID, cf.RedirectURL, cf.Scopes, cf.PKCE, cf.Token
	}
}

// upgrade turns a version 1 file into version 2, in memory: its one
// connection becomes DefaultConnection, with every value kept. Any version
// 1 file that was read gets one, even an empty one: the keychain may hold
// that connection's client secret.
func (sf *settingsFile) upgrade(state settingsState) {
	if sf.Version < settingsVersion && state == settingsRead && len(sf.Connections) == 0 {
		sf.Connections = []*connFile{{ID: DefaultConnection, Name: DefaultConnection,
			ClientID: sf.V1ClientID, RedirectURL: sf.V1RedirectURL, Scopes: sf.V1Scopes, PKCE: sf.V1PKCE, Token: sf.V1Token}}
		sf.Current = DefaultConnection
	}
	sf.V1ClientID, sf.V1RedirectURL, sf.V1Scopes, sf.V1PKCE, sf.V1Token = "", "", nil, false, nil
	sf.Version = settingsVersion
}
