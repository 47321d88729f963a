package flow

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// readDirectives finds //cachevet:sanitizer and //cachevet:validator in the
// doc comments of the package's functions.
func readDirectives(pass *analysis.Pass) map[*types.Func]string {
	out := make(map[*types.Func]string)
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if obj == nil {
				continue
			}
			for _, c := range fd.Doc.List {
				switch strings.TrimSpace(c.Text) {
				case "//cachevet:sanitizer":
					out[obj] = "sanitizer"
				case "//cachevet:validator":
					out[obj] = "validator"
				}
			}
		}
	}
	return out
}
