package deploy

import (
	"os"
	"testing"
)

// fuzzNames are file names of every kind, which the fuzzer picks from.
var fuzzNames = []string{"Dockerfile", "compose.yaml", "k8s.yaml", "memcached.service", "memcached.conf", "sysconfig/memcached", "main.tf"}

// FuzzCheckFile checks that no file, of any kind, makes CheckFile panic
// or return a finding or fix outside the file. Seeded with the fixtures;
// run with go test -fuzz=FuzzCheckFile -fuzztime=60s.
func FuzzCheckFile(f *testing.F) {
	for _, file := range fixtures(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for i, name := range fuzzNames {
			if kindOf(name) == kindOf(file) {
				f.Add(uint8(i), data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := fuzzNames[int(kind)%len(fuzzNames)]
		fs, err := CheckFile(name, data, true)
		if err != nil {
			return
		}
		for _, f := range fs {
			if f.Start < 0 || f.End < f.Start || f.End > len(data) {
				t.Fatalf("%s: finding at [%d, %d) outside the %d bytes: %s", name, f.Start, f.End, len(data), f.Message)
			}
		}
		if _, _, err := ApplyFixes(data, fs); err != nil {
			t.Fatal(err)
		}
	})
}
