//go:build unix

package vulnerable

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// lockPort serializes, across processes, the tests that use a fixed port:
// cmd/cachevet's validation test runs this module's tests in several
// copies at once.
func lockPort(t *testing.T, port string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "cachevet-validation-port-"+port+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}
