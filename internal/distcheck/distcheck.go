// Package distcheck checks the files `make dist` ships, as the person who
// downloads them gets them: a Windows .exe that opens no console window and
// has TokenDesk's icon, version information and manifest; release binaries
// that are stripped and carry no path of the machine that built them.
package distcheck

import (
	"bytes"
	"debug/elf"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"unicode/utf16"
)

// Windows resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// CheckWindowsExe checks a Windows executable. buildDir is the folder it was
// built in, which must not appear in it (-trimpath).
func CheckWindowsExe(path, productName, buildDir string) error {
	f, err := pe.Open(path)
	if err != nil {
		return fmt.Errorf("open %s as a Windows executable: %w", path, err)
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return errors.New("not a 64-bit Windows executable")
	}
	var problems []error
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		problems = append(problems, fmt.Errorf("subsystem is %d, want %d (GUI: no console window)", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI))
	}
	if len(f.Symbols) > 0 {
		problems = append(problems, fmt.Errorf("not stripped: %d symbols", len(f.Symbols)))
	}

	rsrc, err := resourceData(f, oh)
	if err != nil {
		return errors.Join(append(problems, err)...)
	}
	types, err := resourceTypes(rsrc)
	if err != nil {
		return errors.Join(append(problems, err)...)
	}
	for id, name := range map[uint32]string{rtIcon: "icon", rtGroupIcon: "icon group", rtVersion: "version information", rtManifest: "manifest"} {
		if !types[id] {
			problems = append(problems, fmt.Errorf("no %s resource", name))
		}
	}
	if !bytes.Contains(rsrc, utf16le(productName)) {
		problems = append(problems, fmt.Errorf("the version information does not name %q", productName))
	}
	if err := noBuildPath(path, buildDir); err != nil {
		problems = append(problems, err)
	}
	return errors.Join(problems...)
}

// CheckLinuxBinary checks a release binary for Linux.
func CheckLinuxBinary(path, buildDir string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("open %s as an ELF binary: %w", path, err)
	}
	defer f.Close()
	var problems []error
	if f.Section(".symtab") != nil {
		problems = append(problems, errors.New("not stripped: it has a .symtab"))
	}
	if err := noBuildPath(path, buildDir); err != nil {
		problems = append(problems, err)
	}
	return errors.Join(problems...)
}

func noBuildPath(path, buildDir string) error {
	if buildDir == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if bytes.Contains(data, []byte(buildDir+"/")) {
		return fmt.Errorf("holds the build folder %s (build with -trimpath)", buildDir)
	}
	return nil
}

// resourceData is the .rsrc data, from the resource data directory.
func resourceData(f *pe.File, oh *pe.OptionalHeader64) ([]byte, error) {
	dir := oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	if dir.VirtualAddress == 0 || dir.Size == 0 {
		return nil, errors.New("no resources at all (no icon, version or manifest)")
	}
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+s.VirtualSize {
			data, err := s.Data()
			if err != nil {
				return nil, fmt.Errorf("read section %s: %w", s.Name, err)
			}
			off := dir.VirtualAddress - s.VirtualAddress
			if int(off) >= len(data) {
				return nil, errors.New("resource directory outside its section")
			}
			return data[off:], nil
		}
	}
	return nil, errors.New("resource directory in no section")
}

// resourceTypes lists the type IDs in the root resource directory
// (IMAGE_RESOURCE_DIRECTORY followed by its entries).
func resourceTypes(rsrc []byte) (map[uint32]bool, error) {
	if len(rsrc) < 16 {
		return nil, errors.New("resource directory too short")
	}
	named := int(binary.LittleEndian.Uint16(rsrc[12:]))
	ids := int(binary.LittleEndian.Uint16(rsrc[14:]))
	types := map[uint32]bool{}
	for i := 0; i < named+ids; i++ {
		at := 16 + 8*i
		if at+8 > len(rsrc) {
			return nil, errors.New("resource directory cut short")
		}
		id := binary.LittleEndian.Uint32(rsrc[at:])
		if id&0x80000000 == 0 {
			types[id] = true
		}
	}
	return types, nil
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}
