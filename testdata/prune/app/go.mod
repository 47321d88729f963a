module example.com/pruneapp

go 1.26

require (
	example.com/cachewrap v1.0.0
	github.com/bradfitz/gomemcache v0.0.0-20260422231931-4d751bb6e37c
)
