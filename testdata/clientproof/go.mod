module example.com/clientproof

go 1.26.0

replace github.com/cachevet/cachevet => ../..

require (
	github.com/QuangTung97/go-memcache v0.3.5
	github.com/bradfitz/gomemcache v0.0.0-20260422231931-4d751bb6e37c
	github.com/cachevet/cachevet v0.0.0
	github.com/couchbase/gomemcached v0.3.4
	github.com/dropbox/godropbox v0.0.0-20230623171840-436d2007a9fd
	github.com/grafana/gomemcache v0.0.0-20251127154401-74f93547077b
	github.com/grobie/gomemcache v0.0.0-20230213081705-239240bbc445
	github.com/kklis/gomemcache v0.0.0-20150824185358-6d04ba58f087
	github.com/memcachier/mc/v3 v3.0.3
	github.com/rainycape/memcache v0.0.0-20150622160815-1031fa0ce2f2
	github.com/yeqown/memcached v1.4.0
	google.golang.org/appengine v1.6.8
	google.golang.org/protobuf v1.36.11
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/couchbase/goutils v0.1.2 // indirect
	github.com/go-logr/logr v1.4.3 // indirect
	github.com/go-logr/stdr v1.2.2 // indirect
	github.com/golang/protobuf v1.5.4 // indirect
	github.com/golang/snappy v1.0.0 // indirect
	github.com/google/flatbuffers v24.3.25+incompatible // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/hashicorp/errwrap v1.0.0 // indirect
	github.com/hashicorp/go-multierror v1.1.1 // indirect
	github.com/klauspost/compress v1.18.6 // indirect
	github.com/pierrec/lz4/v4 v4.1.26 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	go.opentelemetry.io/auto/sdk v1.2.1 // indirect
	go.opentelemetry.io/otel v1.40.0 // indirect
	go.opentelemetry.io/otel/metric v1.40.0 // indirect
	go.opentelemetry.io/otel/trace v1.40.0 // indirect
	golang.org/x/crypto v0.32.0 // indirect
)
