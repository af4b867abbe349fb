// Package testbrowser starts headless Chromium for the tests that look at generated pages in a
// real browser (charts drawn, tables sorted, headers sticky).
package testbrowser

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Allocator finds Debian's chromium (or another Chromium/Chrome) and returns the context of a
// headless browser with a window of width × height, closed when the test ends. Without a
// browser the test skips, unless YOUJUN_CI is set, as .ci/run does: CI must run these tests.
func Allocator(t testing.TB, width, height int) context.Context {
	t.Helper()
	exe := find(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.NoSandbox, chromedp.DisableGPU,
		// The pages must work offline: nothing of the browser's own goes out either.
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	return ctx
}

func find(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("YOUJUN_CI") != "" {
		t.Fatal("找不到 chromium：CI 必须安装它（apt-get install -y chromium）")
	}
	t.Skip("skipped: no chromium on this machine (apt-get install -y chromium); CI runs this test")
	return ""
}
