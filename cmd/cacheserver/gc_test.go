package main

import "testing"

func TestGCHeadroom(t *testing.T) {
	const mb = 1 << 20
	cases := []struct {
		live, maxBytes, want int64
	}{
		{1 * mb, 64 * mb, 4 * mb},    // -m 64: the floor is -m/16
		{96 * mb, 64 * mb, 6 * mb},   // more live data than -m (connections): live/16
		{1 * mb, 1024 * mb, 16 * mb}, // large -m: gcHeadroomMin
		{200 * mb, 1024 * mb, 16 * mb},
		{1024 * mb, 2048 * mb, 64 * mb}, // large live heap: live/16
		{1 * mb, 0, 16 * mb},            // unknown -m
	}
	for _, c := range cases {
		if got := gcHeadroom(c.live, c.maxBytes); got != c.want {
			t.Errorf("gcHeadroom(%d MiB, -m %d MiB) = %d, want %d", c.live/mb, c.maxBytes/mb, got, c.want)
		}
	}
}
