package main

import (
	"go/token"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers/exposure/deploy"
)

// TestMergeJSON checks that adding the deployment files' findings keeps
// the analyzers' JSON as it was, field order included (checker escapes
// HTML characters as json.Marshal does: <, > and & are \u003c, ...).
func TestMergeJSON(t *testing.T) {
	analyzersJSON := "{\n\t\"example.com/p\": {\n\t\t\"keyinjection\": [\n\t\t\t{\n\t\t\t\t\"posn\": \"/p/p.go:1:2\",\n\t\t\t\t\"end\": \"/p/p.go:1:3\",\n\t\t\t\t\"message\": \"m \\u003c\\u0026\\u003e\"\n\t\t\t}\n\t\t]\n\t}\n}\n"
	r := &deployResult{fset: token.NewFileSet()}
	out, err := r.mergeJSON([]byte(analyzersJSON))
	if err != nil || string(out) != analyzersJSON {
		t.Fatalf("mergeJSON with no deployment findings: %v\n%s\nwant\n%s", err, out, analyzersJSON)
	}

	data := []byte("CMD [\"memcached\"]\n")
	tok := r.fset.AddFile("/p/Dockerfile", -1, len(data))
	tok.SetLinesForContent(data)
	r.files = append(r.files, deployFile{name: "/p/Dockerfile", data: data, tok: tok,
		findings: []deploy.Finding{{File: "/p/Dockerfile", Start: 0, End: 17, Message: "no -l"}}})
	out, err = r.mergeJSON([]byte(analyzersJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := "\t\"/p/Dockerfile\": {\n\t\t\"exposure\": [\n\t\t\t{\n\t\t\t\t\"category\": \"exposure\",\n\t\t\t\t\"posn\": \"/p/Dockerfile:1:1\",\n\t\t\t\t\"end\": \"/p/Dockerfile:1:18\",\n\t\t\t\t\"message\": \"no -l\"\n"
	if !strings.Contains(string(out), want) || !strings.Contains(string(out), strings.TrimSuffix(strings.TrimPrefix(analyzersJSON, "{\n"), "}\n")) {
		t.Errorf("mergeJSON:\n%s\nwant the analyzers' entry unchanged and\n%s", out, want)
	}
}
