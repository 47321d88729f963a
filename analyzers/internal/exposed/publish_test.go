package exposed

import (
	"fmt"
	"testing"
)

func TestSplitPortSpec(t *testing.T) {
	for in, want := range map[string]string{
		"11211":                     `["11211"]`,
		"21211:11211":               `["21211" "11211"]`,
		"127.0.0.1:11211:11211":     `["127.0.0.1" "11211" "11211"]`,
		"[::1]:11211:11211":         `["::1" "11211" "11211"]`,
		"::1:11211:11211":           `["::1" "11211" "11211"]`,
		"0.0.0.0:11000-11300:11211": `["0.0.0.0" "11000-11300" "11211"]`,
	} {
		if got := fmt.Sprintf("%q", SplitPortSpec(in)); got != want {
			t.Errorf("SplitPortSpec(%q) = %s, want %s", in, got, want)
		}
	}
}
