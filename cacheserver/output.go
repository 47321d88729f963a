package cacheserver

import "net"

const (
	// valueRefMin is the value size from which a response refers to the
	// item's value instead of copying it into the output buffer: items
	// never change once linked, so the value can be written from the item
	// itself, as memcached does. Smaller values are copied, which is
	// cheaper than a gather write for them.
	valueRefMin = 16 << 10
	// outRetainMax is the output buffer capacity a connection keeps after
	// a flush; a larger one, left by a big reply, is released so that idle
	// connections do not hold the size of their largest response.
	outRetainMax = 64 << 10
)

// outRef is a value sent from its item: it goes at offset at of out.
type outRef struct {
	at    int
	value []byte
}

// outMark is a position in the queued output, to retract what follows.
type outMark struct{ out, refs int }

func (c *conn) outMark() outMark { return outMark{len(c.out), len(c.refs)} }

// truncateOut drops the output queued after m.
func (c *conn) truncateOut(m outMark) {
	c.out = c.out[:m.out]
	for i := m.refs; i < len(c.refs); i++ {
		c.refBytes -= len(c.refs[i].value)
		c.refs[i].value = nil
	}
	c.refs = c.refs[:m.refs]
}

// queuedBytes is the size of the queued output, values referred to included.
func (c *conn) queuedBytes() int { return len(c.out) + c.refBytes }

// appendValue queues an item's value.
func (c *conn) appendValue(v []byte) {
	if len(v) < valueRefMin {
		c.out = append(c.out, v...)
		return
	}
	c.refs = append(c.refs, outRef{at: len(c.out), value: v})
	c.refBytes += len(v)
}

// writeOut sends the queued output, values referred to included, and
// empties the queue.
func (c *conn) writeOut() error {
	var n int64
	var err error
	if len(c.refs) == 0 {
		var m int
		m, err = c.nc.Write(c.out)
		n = int64(m)
	} else {
		bufs := make(net.Buffers, 0, 2*len(c.refs)+1)
		prev := 0
		for _, r := range c.refs {
			bufs = append(bufs, c.out[prev:r.at], r.value)
			prev = r.at
		}
		bufs = append(bufs, c.out[prev:])
		n, err = bufs.WriteTo(c.nc)
		c.truncateOut(outMark{0, 0})
	}
	c.counters.bytesWritten.Add(uint64(n))
	if cap(c.out) > outRetainMax {
		c.out = nil
	} else {
		c.out = c.out[:0]
	}
	return err
}
