package main

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// Exit code from sysexits.h for an unknown -u user, as memcached uses it.
const exitNoUser = 67

// identity is the user a root server becomes once it has bound its sockets.
type identity struct {
	name     string
	uid, gid int
}

// lookupIdentity resolves -u before anything is bound, so that a missing
// user stops the start-up with memcached's message and exit code. It
// returns nil when the process is not root: memcached ignores -u then.
func lookupIdentity(name string) (*identity, error) {
	if os.Getuid() != 0 && os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return nil, &startupError{exitNoUser, fmt.Sprintf("can't find the user %s to switch to", name)}
	}
	uid, uerr := strconv.Atoi(u.Uid)
	gid, gerr := strconv.Atoi(u.Gid)
	if uerr != nil || gerr != nil {
		return nil, &startupError{exitNoUser, fmt.Sprintf("can't find the user %s to switch to", name)}
	}
	return &identity{name: name, uid: uid, gid: gid}, nil
}

// assume drops root: supplementary groups, then the group, then the user,
// in the order memcached uses (the user last, since it loses the right to
// change the others). Go applies each call to every thread of the process.
// setgroups failing with EPERM means the groups are already minimal, which
// memcached accepts too.
func (id *identity) assume() error {
	if err := syscall.Setgroups(nil); err != nil && err != syscall.EPERM {
		return &startupError{exitOSErr, fmt.Sprintf("failed to drop supplementary groups: %v", err)}
	}
	if syscall.Setgid(id.gid) != nil || syscall.Setuid(id.uid) != nil {
		return &startupError{exitOSErr, fmt.Sprintf("failed to assume identity of user %s", id.name)}
	}
	return nil
}
