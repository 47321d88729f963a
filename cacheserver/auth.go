package cacheserver

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"fmt"
	"io"
	"os"
	"strings"
)

// LoadAuthFile reads memcached's "-Y" authentication file: one
// "user:password" per line. The error text matches memcached's.
func LoadAuthFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		reason := err.Error()
		if pe, ok := err.(*os.PathError); ok {
			reason = pe.Err.Error()
			if len(reason) > 0 {
				reason = strings.ToUpper(reason[:1]) + reason[1:]
			}
		}
		//lint:ignore ST1005 memcached's exact start-up message, which the transcripts record
		return nil, fmt.Errorf("Could not open authfile [%s] for reading, error %s: %s", path, reason, reason)
	}
	defer f.Close()
	return parseUserFile(f)
}

// parseUserFile parses "user:password" lines, as used by -Y and by the
// MEMCACHED_SASL_PWDB file for -S.
func parseUserFile(r io.Reader) (map[string]string, error) {
	users := make(map[string]string)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		user, pass, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("authfile: invalid line %q", line)
		}
		users[user] = pass
	}
	return users, sc.Err()
}

// LoadSASLUsers reads the SASL password database named by the
// MEMCACHED_SASL_PWDB environment variable (user:password lines).
func LoadSASLUsers() (map[string]string, error) {
	path := os.Getenv("MEMCACHED_SASL_PWDB")
	if path == "" {
		return map[string]string{}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseUserFile(f)
}

func checkPassword(users map[string]string, user, pass []byte) bool {
	want, ok := users[string(user)]
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), pass) == 1
}

// processASCIIAuth is memcached's try_read_command_asciiauth: before
// login every line is answered "CLIENT_ERROR unauthenticated" except a
// "set <any> <flags> <exptime> <n>" whose n-byte data block is
// "user password".
func (c *conn) processASCIIAuth() (bool, error) {
	if c.authPending == 0 {
		if c.w-c.r < 2 {
			return false, nil
		}
		data := c.buf[c.r:c.w]
		el := bytes.IndexByte(data, '\n')
		if el < 0 {
			if len(data) > maxLineWithoutNewline {
				return false, errCloseConn
			}
			return false, nil
		}
		c.r += el + 1
		line := commandLine(data[:el])
		c.observe("auth", nil, line)
		t := tokenize(line)
		size, ok := parseUint32(t.arg(4))
		if t.ntokens() < 6 || string(t.tokens[0]) != "set" || !ok {
			c.authReply("CLIENT_ERROR unauthenticated")
			return true, nil
		}
		c.authPending = int64(size) + 2
	}
	if c.authPending > readBufferSize {
		// memcached would wait forever for a block its buffer cannot hold.
		return false, errCloseConn
	}
	if int64(c.w-c.r) < c.authPending {
		return false, nil
	}
	block := c.buf[c.r : c.r+int(c.authPending)]
	c.r += int(c.authPending)
	c.authPending = 0
	if !bytes.HasSuffix(block, []byte("\r\n")) {
		c.authReply("CLIENT_ERROR bad command line termination")
		return true, nil
	}
	t := tokenize(commandLine(block[:len(block)-2]))
	if t.ntokens() < 3 {
		c.authReply("CLIENT_ERROR bad authentication token format")
		return true, nil
	}
	c.srv.stats.authCmds.Add(1)
	if checkPassword(c.srv.cfg.AuthFile, t.tokens[0], t.tokens[1]) {
		c.authReply("STORED")
		c.authenticated = true
		return true, nil
	}
	c.srv.stats.authErrors.Add(1)
	c.authReply("CLIENT_ERROR authentication failure")
	return true, nil
}

// authReply queues a response in authentication mode, replacing the
// previous one if it has not been sent yet (memcached reuses a single
// response object until it is transmitted).
func (c *conn) authReply(s string) {
	if c.authRespAt >= 0 {
		c.out = c.out[:c.authRespAt]
	}
	c.authRespAt = len(c.out)
	c.outString(s)
}

// saslPlain checks a SASL PLAIN message: [authzid] NUL authcid NUL passwd.
// An authorization identity other than the authenticated one would let
// one user's password act as another user; like memcached's Cyrus SASL,
// which has no proxy policy, it is refused.
func (c *conn) saslPlain(msg []byte) bool {
	parts := bytes.SplitN(msg, []byte{0}, 3)
	if len(parts) != 3 {
		return false
	}
	if len(parts[0]) > 0 && !bytes.Equal(parts[0], parts[1]) {
		return false
	}
	return checkPassword(c.srv.cfg.SASLUsers, parts[1], parts[2])
}
