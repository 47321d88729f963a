package main

import (
	"os"
	"runtime"
	"testing"
)

func TestSetProcs(t *testing.T) {
	orig := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(orig) })

	t.Setenv("GOMAXPROCS", "1") // the user's setting wins
	setProcs(orig + 3)
	if got := runtime.GOMAXPROCS(0); got != orig {
		t.Fatalf("with GOMAXPROCS set: %d procs, want %d", got, orig)
	}
	os.Unsetenv("GOMAXPROCS")
	setProcs(1) // never fewer than the default
	if got := runtime.GOMAXPROCS(0); got != orig {
		t.Fatalf("-t 1: %d procs, want %d", got, orig)
	}
	setProcs(orig + 3)
	if got := runtime.GOMAXPROCS(0); got != orig+3 {
		t.Fatalf("-t %d: %d procs", orig+3, got)
	}
}
