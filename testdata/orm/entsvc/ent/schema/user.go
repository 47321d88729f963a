package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// User holds the schema of the users table.
type User struct{ ent.Schema }

// Fields of the User: the password hash and the PIN are Sensitive(),
// which ent hides from its JSON and String output, not from entcache.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("name"),
		field.String("email"),
		field.String("password_hash").Sensitive(),
		field.String("pin").Sensitive(),
	}
}
