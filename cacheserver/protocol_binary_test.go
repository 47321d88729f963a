package cacheserver

import (
	"net"
	"testing"
	"time"
)

// TestBinaryMalformedFlushIsNotRun is the packet: FLUSH with a
// key length of 3, extras of 8 and a body of 11. memcached answers
// "Invalid arguments" and closes; the cache must survive.
func TestBinaryMalformedFlushIsNotRun(t *testing.T) {
	_, addr := startTestServer(t, nil)
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.Write(binaryPacket(opSet, []byte("kept"), make([]byte, 8), []byte("v")))
	if p := readPacket(t, nc); p.status != binOK {
		t.Fatalf("set: %+v", p)
	}
	flush := []byte{0x80, 0x08, 0x00, 0x03, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'k', 'e', 'y', 0, 0, 0, 0, 0, 0, 0, 0}
	nc.Write(flush)
	if p := readPacket(t, nc); p.status != binInvalid {
		t.Errorf("malformed flush: status %#x, want %#x", p.status, binInvalid)
	}
	check, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	check.Write(binaryPacket(opGet, []byte("kept"), nil, nil))
	if p := readPacket(t, check); p.status != binOK {
		t.Errorf("the malformed flush emptied the cache: get %+v", p)
	}
}

// TestBinaryWaitsForShortPacket: memcached reads a packet's extras and
// key before judging its lengths, even when they exceed the body length;
// only then is the inconsistency answered "Unknown command".
func TestBinaryWaitsForShortPacket(t *testing.T) {
	_, addr := startTestServer(t, nil)
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	pkt := binaryPacket(opGetK, []byte("abc"), nil, nil)
	pkt[11] = 0 // body length 0, below the key length of 3
	nc.Write(pkt[:binaryHeaderSize+1])
	time.Sleep(50 * time.Millisecond) // let the server see the short packet first
	nc.Write(pkt[binaryHeaderSize+1:])
	if p := readPacket(t, nc); p.status != binUnknown {
		t.Errorf("inconsistent getk: status %#x, want %#x (after its key arrived)", p.status, binUnknown)
	}
}
