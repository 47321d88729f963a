// Package fiber is a stub of github.com/gofiber/fiber/v3, written from its
// documented API (Ctx is an interface in v3).
package fiber

type Ctx interface {
	Params(key string, defaultValue ...string) string
	Query(key string, defaultValue ...string) string
	Queries() map[string]string
	FormValue(key string, defaultValue ...string) string
	Get(key string, defaultValue ...string) string
	GetHeaders() map[string][]string
	GetReqHeaders() map[string][]string
	Cookies(key string, defaultValue ...string) string
	Body() []byte
	BodyRaw() []byte
	Path(override ...string) string
	OriginalURL() string
	Host() string
	Hostname() string
	Subdomains(offset ...int) []string
	Bind() *Bind
	Locals(key any, value ...any) any
	Method(override ...string) string
}

type Bind struct{}

func (b *Bind) Body(out any) error    { return nil }
func (b *Bind) JSON(out any) error    { return nil }
func (b *Bind) XML(out any) error     { return nil }
func (b *Bind) CBOR(out any) error    { return nil }
func (b *Bind) MsgPack(out any) error { return nil }
func (b *Bind) Form(out any) error    { return nil }
func (b *Bind) Query(out any) error   { return nil }
func (b *Bind) URI(out any) error     { return nil }
func (b *Bind) Header(out any) error  { return nil }
func (b *Bind) Cookie(out any) error  { return nil }
func (b *Bind) All(out any) error     { return nil }

type GenericType interface {
	~int | ~int64 | ~string | ~bool
}

func Params[V GenericType](c Ctx, key string, defaultValue ...V) V       { var v V; return v }
func Query[V GenericType](c Ctx, key string, defaultValue ...V) V        { var v V; return v }
func GetReqHeader[V GenericType](c Ctx, key string, defaultValue ...V) V { var v V; return v }
