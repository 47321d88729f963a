package cacheserver

import (
	"bytes"
	"errors"
	"net"
	"sync/atomic"
	"time"
)

const (
	// readBufferSize is memcached's READ_BUFFER_SIZE: the most it reads
	// from a socket at once. It matters on the wire: a line longer than
	// this without "\n" is judged on its first 16 KiB.
	readBufferSize = 16384
	// maxLineWithoutNewline is how much unterminated input memcached
	// tolerates before deciding the line must be a large multiget.
	maxLineWithoutNewline = 2048
	// maxMultigetBuffer bounds the read buffer that long "get" lines may
	// grow; memcached has no bound, we close the connection instead.
	maxMultigetBuffer = 8 << 20
	// flushThreshold is the amount of queued output that is written
	// without waiting for the input to run dry.
	flushThreshold = 256 << 10
	// maxPendingOutput bounds the output one multiget may buffer.
	maxPendingOutput = 4 << 20
)

// wireProtocol is the protocol a connection speaks.
type wireProtocol int

const (
	protoUnknown wireProtocol = iota // auto-negotiation pending
	protoASCII
	protoBinary
)

func (p wireProtocol) String() string {
	switch p {
	case protoASCII:
		return "ascii"
	case protoBinary:
		return "binary"
	}
	return "auto-negotiate"
}

// errCloseConn ends a connection after its pending output is sent.
var errCloseConn = errors.New("cacheserver: close connection")

// conn is one client connection. It is served by a single goroutine that
// follows memcached's state machine closely enough to reproduce its byte
// stream: commands are taken from a 16 KiB read buffer, responses are
// queued and written when the connection would block on input.
type conn struct {
	srv        *Server
	nc         net.Conn
	fd         int
	listenAddr string
	createdAt  time.Time
	lastCmd    atomic.Int64 // unix nanos of the last command
	counters   connCounters

	buf  []byte // read buffer; unread bytes are buf[r:w]
	r, w int

	out []byte // queued responses
	// refs are values queued by reference into out (see appendValue),
	// refBytes their total size.
	refs     []outRef
	refBytes int
	// authRespAt is the start in out of the response written in ASCII
	// authentication mode; memcached reuses one response object there,
	// so a later one replaces it until the output is flushed.
	authRespAt int

	proto         wireProtocol
	authenticated bool
	noreply       bool
	// growRead allows the read buffer to grow (a long "get" line).
	growRead bool
	// closeAfterPipeline is set by metadump when commands follow it in
	// the buffer; see processLRUCrawler.
	closeAfterPipeline bool
	pipelineOutput     outMark // queued output when the dump was queued
	// stacked records that responses were queued since memcached's last
	// forced write (gets and mn write immediately); metadump and watch
	// refuse to run behind such pipelined responses.
	stacked bool
	// authPending is the size of the -Y login data block being awaited.
	authPending int64
	// tok holds the tokens of the text command being dispatched.
	tok tokenLine
	// crlf receives the "\r\n" that ends a text storage data block.
	crlf [2]byte
	// reqsLeft is what remains of the -R budget: memcached runs that
	// many requests per read event, the first one free, then writes its
	// output and yields.
	reqsLeft int
	// thread is the emulated worker thread whose buffers the connection
	// uses; resps counts its unwritten response objects, readBufHeld
	// tells whether it holds a read buffer (connmem.go).
	thread      *workerThread
	resps       int64
	readBufHeld bool
	// respsFrom is where in out the output of the live response objects
	// starts; what precedes it memcached has already written.
	respsFrom outMark
}

func newConn(srv *Server, nc net.Conn, fd int, listenAddr string) *conn {
	c := &conn{
		srv:        srv,
		nc:         nc,
		fd:         fd,
		listenAddr: listenAddr,
		createdAt:  srv.now(),
		buf:        make([]byte, readBufferSize),
		authRespAt: -1,
		reqsLeft:   srv.cfg.ReqsPerEvent,
		thread:     srv.connMem.assign(),
	}
	c.lastCmd.Store(c.createdAt.UnixNano())
	switch {
	case srv.cfg.authFileEnabled():
		c.proto = protoASCII
	case srv.cfg.SASL || srv.cfg.Protocol == ProtocolBinary:
		c.proto = protoBinary
	case srv.cfg.Protocol == ProtocolASCII:
		c.proto = protoASCII
	}
	c.authenticated = !srv.cfg.authFileEnabled() && !srv.cfg.SASL
	return c
}

func (c *conn) info() ConnInfo {
	return ConnInfo{ID: c.fd, RemoteAddr: c.nc.RemoteAddr(), LocalAddr: c.nc.LocalAddr(), Protocol: c.proto.String()}
}

// serve runs the connection until the client leaves or a protocol rule
// closes it. Pending responses are written before closing, as memcached does.
func (c *conn) serve() {
	defer c.nc.Close()
	switch c.proto {
	case protoUnknown:
		if c.srv.tracing(2) {
			c.srv.logf(2, "<%d new auto-negotiating client connection\n", c.fd)
		}
	default:
		if c.srv.tracing(2) {
			c.srv.logf(2, "<%d new %s client connection.\n", c.fd, c.proto)
		}
	}
	err := c.loop()
	if err == errWatching {
		if c.srv.tracing(2) {
			c.srv.logf(2, "<%d connection closing from side thread.\n", c.fd)
		}
	}
	if errors.Is(err, errCloseConn) || err == nil {
		c.flush()
	}
	c.releaseResps()
	c.releaseReadBuf()
	if c.srv.tracing(2) {
		c.srv.logf(2, "<%d connection closed.\n", c.fd)
	}
}

func (c *conn) loop() error {
	for {
		if err := c.process(); err != nil {
			return err
		}
		if c.closeAfterPipeline {
			c.truncateOut(c.pipelineOutput)
			return errCloseConn
		}
		if err := c.flush(); err != nil {
			return err
		}
		if err := c.fill(); err != nil {
			return err
		}
	}
}

// process handles every complete request in the read buffer.
func (c *conn) process() error {
	for c.r < c.w {
		if c.proto == protoUnknown {
			if c.buf[c.r] == binaryRequestMagic {
				c.proto = protoBinary
			} else {
				c.proto = protoASCII
			}
			if c.srv.tracing(2) {
				c.srv.logf(2, "%d: Client using the %s protocol\n", c.fd, c.proto)
			}
		}
		var done bool
		var err error
		switch {
		case c.proto == protoBinary:
			done, err = c.processBinary()
		case !c.authenticated:
			done, err = c.processASCIIAuth()
		default:
			done, err = c.processASCII()
		}
		if err != nil {
			return err
		}
		if !done {
			return nil
		}
		if c.reqsLeft--; c.reqsLeft < 0 {
			// memcached's yield: send the output, then resume in a
			// new event whose first request already uses its budget.
			c.counters.connYields.Add(1)
			c.reqsLeft = c.srv.cfg.ReqsPerEvent - 1
			if err := c.flush(); err != nil {
				return err
			}
		}
		if c.queuedBytes() >= flushThreshold {
			if err := c.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// fill reads more input into the buffer, growing it only for long gets.
func (c *conn) fill() error {
	if c.r == c.w {
		c.releaseReadBuf()
		c.r, c.w = 0, 0
		if len(c.buf) > readBufferSize {
			c.buf = make([]byte, readBufferSize)
			c.growRead = false
		}
	} else if c.r > 0 {
		c.w = copy(c.buf, c.buf[c.r:c.w])
		c.r = 0
	}
	if c.w == len(c.buf) {
		if !c.growRead || len(c.buf) >= maxMultigetBuffer {
			return errCloseConn
		}
		nb := make([]byte, 2*len(c.buf))
		copy(nb, c.buf[:c.w])
		c.buf = nb
	}
	c.reqsLeft = c.srv.cfg.ReqsPerEvent
	if d := c.srv.cfg.IdleTimeout; d > 0 {
		// memcached kicks a connection waiting for a command when its last
		// complete request is older than idle_timeout, however many bytes
		// of an unfinished line trickle in meanwhile.
		// The elapsed part is measured on the server's clock (Config.Now).
		idle := c.srv.now().Sub(time.Unix(0, c.lastCmd.Load()))
		c.nc.SetReadDeadline(time.Now().Add(d - idle))
	}
	n, err := c.readIdle(c.buf[c.w:])
	c.w += n
	if n > 0 {
		if !c.holdReadBuf() {
			return errConnOutOfMemory
		}
		return nil
	}
	return err
}

// read reads part of a data block. memcached never kicks a connection in
// the middle of a block; the idle timeout here only ends one that stops
// sending altogether, so it restarts with every read.
func (c *conn) read(p []byte) (int, error) {
	if d := c.srv.cfg.IdleTimeout; d > 0 {
		// A deadline is real time; FastForward moves only the server's clock.
		c.nc.SetReadDeadline(time.Now().Add(d))
	}
	return c.readIdle(p)
}

// readIdle reads under the idle deadline the caller has set, counting the
// bytes and, when the deadline passes, the idle kick.
func (c *conn) readIdle(p []byte) (int, error) {
	n, err := c.nc.Read(p)
	c.counters.bytesRead.Add(uint64(n))
	var ne net.Error
	if err != nil && errors.As(err, &ne) && ne.Timeout() {
		// The deadline above is the only one set on reads: an idle kick.
		c.srv.stats.idleKicks.Add(1)
		if c.srv.tracing(2) {
			c.srv.logf(2, "Closing idle fd %d\n", c.fd)
		}
	}
	return n, err
}

// flush writes the queued responses, which frees their response objects.
func (c *conn) flush() error {
	defer c.releaseResps()
	c.authRespAt = -1
	c.stacked = false
	if c.closeAfterPipeline {
		// Replies to commands pipelined behind a metadump are lost.
		c.truncateOut(c.pipelineOutput)
		c.pipelineOutput = outMark{}
	}
	if c.queuedBytes() == 0 {
		return nil
	}
	return c.writeOut()
}

// readBlock returns the next n bytes of input (a data block), taking what
// is buffered and reading the remainder straight from the socket, so that
// bytes after the block stay unread. n is bounded by the caller (-I).
func (c *conn) readBlock(n int) ([]byte, error) {
	block := make([]byte, n)
	got := copy(block, c.buf[c.r:c.w])
	c.r += got
	if got < n {
		// memcached sends what it has queued while waiting for a value.
		if err := c.flush(); err != nil {
			return nil, err
		}
	}
	for got < n {
		m, err := c.read(block[got:])
		got += m
		if got < n && err != nil {
			return nil, err
		}
	}
	return block, nil
}

// readBlockInto is readBlock for a data block delivered into two caller
// buffers (the value, then its "\r\n"), so that the value can land in the
// item's own allocation. Flushing and error handling are those of
// readBlock for the whole block.
func (c *conn) readBlockInto(a, b []byte) error {
	got := copy(a, c.buf[c.r:c.w])
	c.r += got
	gotB := 0
	if got == len(a) {
		gotB = copy(b, c.buf[c.r:c.w])
		c.r += gotB
	}
	if got < len(a) || gotB < len(b) {
		// memcached sends what it has queued while waiting for a value.
		if err := c.flush(); err != nil {
			return err
		}
	}
	for got < len(a) {
		m, err := c.read(a[got:])
		got += m
		if (got < len(a) || len(b) > 0) && err != nil {
			return err
		}
	}
	for gotB < len(b) {
		m, err := c.read(b[gotB:])
		gotB += m
		if gotB < len(b) && err != nil {
			return err
		}
	}
	return nil
}

// discard swallows n bytes of input without buffering them
// (memcached's conn_swallow). Output queued before is sent first.
func (c *conn) discard(n int64) error {
	take := min(n, int64(c.w-c.r))
	c.r += int(take)
	n -= take
	if n == 0 {
		return nil
	}
	if err := c.flush(); err != nil {
		return err
	}
	c.r, c.w = 0, 0
	for n > 0 {
		m, err := c.read(c.buf[:min(n, int64(len(c.buf)))])
		n -= int64(m)
		if n > 0 && err != nil {
			return err
		}
	}
	return nil
}

// nextLine returns the next "\n"-terminated line without its "\r\n" or
// "\n", applying memcached's rule for unterminated input: more than 2048
// bytes is only tolerated for "get "/"gets " lines (with at most 100
// leading spaces); anything else closes the connection.
func (c *conn) nextLine() (line []byte, ok bool, err error) {
	data := c.buf[c.r:c.w]
	el := bytes.IndexByte(data, '\n')
	if el < 0 {
		if len(data) > maxLineWithoutNewline {
			trimmed := bytes.TrimLeft(data, " ")
			if len(data)-len(trimmed) > 100 ||
				(!bytes.HasPrefix(trimmed, []byte("get ")) && !bytes.HasPrefix(trimmed, []byte("gets "))) {
				return nil, false, errCloseConn
			}
			c.growRead = true
		}
		return nil, false, nil
	}
	c.r += el + 1
	line = data[:el]
	if el > 1 && line[el-1] == '\r' {
		line = line[:el-1]
	}
	return line, true, nil
}

// write queues a raw response.
func (c *conn) write(p []byte) {
	c.stacked = true
	c.out = append(c.out, p...)
}

// outString queues a one-line response, honouring noreply; it is
// memcached's out_string, including its -vv trace.
func (c *conn) outString(s string) {
	c.stacked = true
	if c.noreply {
		if c.srv.tracing(2) {
			c.srv.logf(2, ">%d NOREPLY %s\n", c.fd, s)
		}
		c.noreply = false
		return
	}
	if c.srv.tracing(2) {
		c.srv.logf(2, ">%d %s\n", c.fd, s)
	}
	c.out = append(c.out, s...)
	c.out = append(c.out, "\r\n"...)
}

// outErrString is out_errstring: errors are sent even under noreply.
func (c *conn) outErrString(s string) {
	c.noreply = false
	c.outString(s)
}

func (c *conn) touchLastCmd() { c.lastCmd.Store(c.srv.now().UnixNano()) }

// observe reports a command to the Observer, if any.
func (c *conn) observe(verb string, keys [][]byte, line []byte) {
	c.touchLastCmd()
	obs := c.srv.cfg.Observer
	if obs == nil {
		return
	}
	cmd := Command{Verb: verb, Line: append([]byte(nil), line...)}
	for _, k := range keys {
		cmd.Keys = append(cmd.Keys, string(k))
	}
	obs(c.info(), cmd)
}

// errWatching ends the normal loop when the connection became a watcher.
var errWatching = errors.New("cacheserver: connection is watching")
