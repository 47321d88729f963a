// Package accounts declares types that encode themselves; the package
// sensitivedata/marshalers caches them, and learns through facts what
// their methods write.
package accounts

import (
	"encoding/json"
	"strconv"
)

// Leaky's MarshalJSON still writes the e-mail.
type Leaky struct {
	ID    int64
	Email string
}

func (l Leaky) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"id": strconv.FormatInt(l.ID, 10), "email": l.Email})
}

// Careful's MarshalJSON leaves the password hash out.
type Careful struct {
	Name         string
	PasswordHash string
}

func (c *Careful) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct{ Name string }{c.Name})
}
