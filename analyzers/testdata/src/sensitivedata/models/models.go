package models

import "time"

type Password string

type User struct {
	ID                int64
	Name              string
	Email             string `json:"email"`
	PasswordHash      string `json:"password_hash"`
	EmailVerified     bool
	PasswordChangedAt time.Time
	TokenType         string
	Profile           Profile
	Sessions          []Session
	internalNote      string
}

type Profile struct {
	Bio     string
	Contact *string `json:"email_address"`
}

type Session struct {
	RefreshToken string
	CreatedAt    time.Time
}

// Safe hides its secrets from encoding/json.
type Safe struct {
	Name     string
	Email    string `json:"-"`
	password string
	APIKey   string `json:"-" cachevet:"-"`
}

// Tagged marks a field the names do not catch.
type Tagged struct {
	Name  string
	Phone string `cachevet:"sensitive"`
	Pwd   string `cachevet:"-"`
}

// Custom encodes itself: cachevet trusts MarshalJSON.
type Custom struct {
	Email string
}

func (Custom) MarshalJSON() ([]byte, error) { return []byte(`{}`), nil }

// Card is named after what it holds.
type Card struct {
	CardNumber Password
	CVV        string
	Holder     string
}

// PublicUser is the DTO: only safe fields.
type PublicUser struct {
	ID   int64
	Name string
}

// Keyed uses a named string type for its secret.
type Keyed struct {
	Secret Password `xml:"secret"`
	Note   string   `xml:"-"`
}

// Dumped is for fmt: it prints unexported fields too.
type Dumped struct {
	name  string
	token string
}
