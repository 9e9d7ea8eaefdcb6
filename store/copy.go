package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// The copy of settings.json (connections.json) is there for one thing: a
// settings.json damaged from outside (a disk error, a sync tool, a person
// editing it) loses no connection, since the list comes back from the copy.
//
// It is written after settings.json, the commit point, and only on a best
// effort basis: a copy that cannot be written (on Windows an antivirus or
// an indexer may hold the file for a moment) never fails a change that
// settings.json has already committed, since undoing the keychain under a
// settings file that names the new token would lose both tokens. So the
// copy may be older than settings.json. What it says is read only when
// settings.json is damaged, as settingsRecovered: no token it describes is
// taken unless its keychain entry still matches (Conn.Load), and nothing is
// tidied away on its word (txn.removeLeftovers).
const copyFileName = "connections.json"

func (s *Store) copyPath() string { return filepath.Join(s.dir, copyFileName) }

// readCopy reads the copy, if there is one whole: a copy a newer TokenDesk
// wrote is read too (its version says so), and never written over.
func (s *Store) readCopy() (settingsFile, bool) {
	data, err := readLimited(s.copyPath())
	if err != nil {
		return settingsFile{}, false
	}
	var sf settingsFile
	if json.Unmarshal(data, &sf) != nil || sf.Version < 2 {
		return settingsFile{}, false
	}
	return sf, true
}

// upgrade turns a version 1 file into the current version, in memory: its
// one connection becomes DefaultConnection, with every value kept. Any
// version 1 file that was read gets one, even an empty one: the keychain may
// hold that connection's client secret.
func (sf *settingsFile) upgrade(state settingsState) {
	if sf.Version < 2 && state == settingsRead && len(sf.Connections) == 0 {
		sf.Connections = []*connFile{{ID: DefaultConnection, Name: DefaultConnection,
			ClientID: sf.V1ClientID, RedirectURL: sf.V1RedirectURL, Scopes: sf.V1Scopes, PKCE: sf.V1PKCE, Token: sf.V1Token}}
		sf.Current = DefaultConnection
	}
	sf.V1ClientID, sf.V1RedirectURL, sf.V1Scopes, sf.V1PKCE, sf.V1Token = "", "", nil, false, nil
	if sf.Version < settingsVersion {
		sf.Version = settingsVersion
	}
}

// keepAside moves a damaged file out of the way under a name no other kept
// file has (path.bak, then path.2.bak, …): each is what a person may still
// recover a secret or a connection from, so none overwrites another. It
// returns the name it kept the file as.
func keepAside(path string) (string, error) {
	for i := 1; i < 1000; i++ {
		bak := path + ".bak"
		if i > 1 {
			bak = fmt.Sprintf("%s.%d.bak", path, i)
		}
		if _, err := os.Lstat(bak); err == nil {
			continue
		}
		// Link, not Rename: Rename would replace a file that appeared
		// meanwhile; a link fails if the name is taken.
		if err := os.Link(path, bak); err != nil {
			if os.IsExist(err) {
				continue
			}
			// No hard links here (some network or FAT file systems).
			if err := os.Rename(path, bak); err != nil {
				return "", err
			}
			return bak, nil
		}
		if err := os.Remove(path); err != nil {
			return "", err
		}
		return bak, nil
	}
	return "", fmt.Errorf("keep %s aside: too many damaged copies", path)
}
