//go:build windows

package main

import "golang.org/x/sys/windows"

// The Chinese console of Windows expects GBK by default; switch it to UTF-8 so that youjun's
// messages read correctly in cmd.exe and PowerShell.
func init() {
	windows.SetConsoleOutputCP(65001) // CP_UTF8
	windows.SetConsoleCP(65001)
}
