// Package ssautil holds the small questions about SSA values that the flow
// engine, the fixes and the analyzers all ask: what constant a value is,
// what operands a variadic call packed, what type class a value has, and
// which instructions copy their operand unchanged.
package ssautil
