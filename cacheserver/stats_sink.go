package cacheserver

import "fmt"

// statsSink receives the statistics a "stats" producer emits, one name
// and value at a time, in memcached's order. The text protocol renders
// them as "STAT name value" lines and the binary protocol as one packet
// each (memcached's append_stats callback), so a producer is written once
// for both and neither protocol parses the other's output.
type statsSink interface {
	add(name string, value any)
}

// textStats accumulates "STAT name value" lines.
type textStats struct{ b []byte }

func (w *textStats) add(name string, value any) {
	w.b = append(w.b, "STAT "...)
	w.b = append(w.b, name...)
	w.b = append(w.b, ' ')
	w.b = fmt.Append(w.b, value)
	w.b = append(w.b, "\r\n"...)
}

// end returns the lines followed by the closing "END".
func (w *textStats) end() []byte { return append(w.b, "END\r\n"...) }

// textStatsOf renders one producer for the text protocol.
func textStatsOf(produce func(statsSink)) []byte {
	var w textStats
	produce(&w)
	return w.end()
}

// binaryStats queues one response packet per statistic, the name as its
// key and the value as its body, answering req.
type binaryStats struct {
	c   *conn
	req *binaryRequest
	val []byte // formatting buffer reused across values
}

func (w *binaryStats) add(name string, value any) {
	w.val = fmt.Append(w.val[:0], value)
	w.c.writeBinary(w.req, binOK, 0, nil, []byte(name), w.val)
}

// end queues the empty packet that terminates a binary stats answer.
func (w *binaryStats) end() { w.c.writeBinary(w.req, binOK, 0, nil, nil, nil) }
