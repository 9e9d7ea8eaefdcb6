package store

// Reason says which storage failure, or which case of a notice, as a
// stable identifier: what a person reads is said above, by package words,
// from the facts (the Reason and the values it names), as for
// oauthflow.Error.
type Reason string

// The reasons the store gives.
const (
	// Opening, reading and changing what is saved.
	ReasonNoFolder           Reason = "no_folder"           // no folder for the settings
	ReasonNotSaved           Reason = "not_saved"           // writing failed
	ReasonDiskFull           Reason = "disk_full"           // writing failed: no space
	ReasonReadOnlyFolder     Reason = "read_only_folder"    // writing failed: no permission
	ReasonBusy               Reason = "busy"                // another TokenDesk holds the lock
	ReasonSettingsUnreadable Reason = "settings_unreadable" // Path: settings.json
	ReasonSecretsUnreadable  Reason = "secrets_unreadable"  // Path: the secrets file, moving it into the keychain
	ReasonKeychainLocked     Reason = "keychain_locked"     // ErrUnreadable: the keychain could not be read
	ReasonSecretsDamaged     Reason = "secrets_damaged"     // ErrUnreadable: the secrets file is damaged
	ReasonKeychainFailed     Reason = "keychain_failed"     // the keychain refused
	ReasonKeychainSilent     Reason = "keychain_silent"     // the keychain did not answer in time
	ReasonTooLong            Reason = "too_long"            // Entry, Length: a secret too long for the keychain
	ReasonTokenChanged       Reason = "token_changed"       // ErrTokenChanged
	ReasonSettingsChanged    Reason = "settings_changed"    // ErrSettingsChanged
	ReasonNoConnection       Reason = "no_connection"       // ErrNoConnection
	ReasonNoToken            Reason = "no_token"            // a token to save is empty
	ReasonReadOnly           Reason = "read_only"           // ErrReadOnly
	ReasonNewerVersion       Reason = "newer_version"       // ErrNewerVersion
	ReasonLeftInKeychain     Reason = "left_in_keychain"    // ErrLeftInKeychain

	// A connection's name (ErrBadName).
	ReasonNameEmpty       Reason = "name_empty"
	ReasonNameTooLong     Reason = "name_too_long" // Max
	ReasonNameUnprintable Reason = "name_unprintable"
	ReasonNameTaken       Reason = "name_taken"      // Name: the connection that has it
	ReasonNameIsID        Reason = "name_is_id"      // ID, Name: the connection known by it
	ReasonNameIsDefault   Reason = "name_is_default" // ID: the first connection's

	// A credentials.json.
	ReasonFileGone       Reason = "file_gone"
	ReasonFileUnreadable Reason = "file_unreadable"
	ReasonFileEmpty      Reason = "file_empty"
	ReasonFileTooLarge   Reason = "file_too_large"
	ReasonFileNotJSON    Reason = "file_not_json"
	ReasonFileNotText    Reason = "file_not_text" // Field: the key whose value is not text
	ReasonFileNothing    Reason = "file_nothing"

	// The notices' cases (NoticeDamagedFile).
	ReasonSettingsDamaged   Reason = "settings_damaged"   // started with empty settings
	ReasonSettingsRecovered Reason = "settings_recovered" // the connections came back from the copy
)

// The keychain entries an Error names (Entry).
const (
	EntryClientSecret = "client_secret"
	EntryAccessToken  = "access_token"
	EntryRefreshToken = "refresh_token"
)

// Error is a storage failure as facts, not words: its Reason, the values
// its words name (each set only where its reason uses it), and the
// technical cause. Package words says it for a person. Error() is a
// technical English text, for logs and "Details".
type Error struct {
	Reason Reason
	Err    error // the technical cause; may be nil

	Path   string // a file
	Entry  string // a keychain entry: EntryClientSecret, EntryAccessToken, EntryRefreshToken
	Length int    // a value's length, in characters
	Max    int    // a limit
	Name   string // a connection's name
	ID     string // a connection's ID
	Field  string // a field of a file
}

func (e *Error) Error() string {
	s := "store: " + string(e.Reason)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Detail is the technical cause as text, for a "Details" expander; empty
// when there is none.
func (e *Error) Detail() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
}
