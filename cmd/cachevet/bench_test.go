package main

import (
	"os/exec"
	"syscall"
	"testing"
)

// BenchmarkLint runs cachevet (pruned loading, the default, and
// -prune=false) and gosec on the demo application, one process per
// iteration, and reports the peak RSS of the last one besides the wall
// time: the cost a user sees. testdata/bench/lint.sh compares the same on
// real modules. gosec is skipped when it is not on PATH.
//
//	go test -run '^$' -bench Lint ./cmd/cachevet
func BenchmarkLint(b *testing.B) {
	bin, _ := buildCachevet(b)
	dir := copyDir(b, demoDir)
	// Downloads modules and fills the build cache for every tool alike.
	if res := run(b, command(bin, dir, "./...")); res.code != 3 {
		b.Fatalf("cachevet exited %d on the demo, want 3 (findings)\n%s", res.code, res.stderr)
	}
	gosec, gosecErr := exec.LookPath("gosec")
	for _, bm := range []struct {
		name string
		tool string
		args []string
	}{
		{"cachevet", bin, []string{"./..."}},
		{"cachevet-full", bin, []string{"-prune=false", "./..."}},
		{"gosec", gosec, []string{"-quiet", "./..."}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			if bm.tool == "" {
				b.Skipf("gosec is not on PATH (%v): go install github.com/securego/gosec/v2/cmd/gosec@v2.30.0", gosecErr)
			}
			var maxRSS int64
			for b.Loop() {
				cmd := command(bm.tool, dir, bm.args...)
				// Both tools exit non-zero on findings.
				if err := cmd.Run(); err != nil {
					if _, ok := err.(*exec.ExitError); !ok {
						b.Fatal(err)
					}
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					maxRSS = max(maxRSS, ru.Maxrss) // KiB on Linux
				}
			}
			b.ReportMetric(float64(maxRSS)/1024, "MB-peak-RSS")
		})
	}
}
