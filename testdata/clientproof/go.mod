module example.com/clientproof

go 1.26.0

replace github.com/cachevet/cachevet => ../..

require (
	github.com/cachevet/cachevet v0.0.0
	github.com/kklis/gomemcache v0.0.0-20150824185358-6d04ba58f087
)
