// Not built on its own: scripts/fyne-patch.sh copies font.go into a copy of
// Fyne (see README.md here). This file keeps it out of TokenDesk's ./...
module tokendesk-fyne-patch

go 1.26.0
