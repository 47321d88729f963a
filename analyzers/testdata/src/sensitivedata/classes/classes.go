package classes

import (
	"encoding/json"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
)

var mc = memcache.New("127.0.0.1:11211")

type Customer struct {
	Name         string
	Phone        string
	MobileNumber string
	NationalID   string
	Passport     string
	DateOfBirth  string
	IBAN         string
	CardNumber   string
	CVV          string
	APIKey       string
	Note         string `cachevet:"sensitive"`
}

// Profile only describes sensitive data.
type Profile struct {
	Name                    string
	PasswordResetExpiry     string
	EmailVerified           string
	PhoneCountryCode        string
	BirthdayReminderEnabled string
	PassportCountry         string
	TokenType               string
	CreatedAt               time.Time
}

func cache(c Customer, p Profile) {
	b, _ := json.Marshal(c)
	mc.Set(&memcache.Item{Key: "c", Value: b}) // want `contains Customer\.Phone, Customer\.MobileNumber, Customer\.NationalID, Customer\.Passport, Customer\.DateOfBirth, Customer\.IBAN, Customer\.CardNumber, Customer\.CVV, Customer\.APIKey and Customer\.Note \(encoding/json\): contact data \(phone\), identity data \(national ID, passport, date of birth\), payment data \(IBAN, card number, card security code\), secrets \(key\) and data marked sensitive \(its cachevet tag\);`

	b, _ = json.Marshal(p)
	mc.Set(&memcache.Item{Key: "p", Value: b})

	mc.Set(&memcache.Item{Key: "e", Value: []byte(c.Phone)}) // want `contains Customer\.Phone \(read directly\): contact data \(phone\)`
}
