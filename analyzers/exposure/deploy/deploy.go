package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// kind is a kind of deployment file.
type kind uint8

const (
	notDeployment kind = iota
	dockerfile
	yamlFile // Compose or Kubernetes, told apart by their content
	unitFile
	memcachedConf
	sysconfig
	terraform
)

// kindOf tells a deployment file's kind by its name.
func kindOf(name string) kind {
	base := filepath.Base(name)
	lower := strings.ToLower(base)
	switch {
	case base == "Dockerfile" || base == "Containerfile" ||
		strings.HasPrefix(base, "Dockerfile.") || strings.HasPrefix(base, "Containerfile.") ||
		strings.HasSuffix(lower, ".dockerfile") || strings.HasSuffix(lower, ".containerfile"):
		return dockerfile
	case strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml"):
		return yamlFile
	case strings.HasSuffix(lower, ".service"):
		return unitFile
	case lower == "memcached.conf" || strings.HasPrefix(lower, "memcached_") && strings.HasSuffix(lower, ".conf"):
		return memcachedConf
	case base == "memcached" && filepath.Base(filepath.Dir(name)) == "sysconfig" || lower == "memcached.sysconfig":
		return sysconfig
	case strings.HasSuffix(lower, ".tf"):
		return terraform
	}
	return notDeployment
}

// IsDeploymentFile reports whether a file's name is that of a kind of
// deployment file cachevet reads.
func IsDeploymentFile(name string) bool { return kindOf(name) != notDeployment }

// CheckFile checks one deployment file. A file that does not parse is an
// error, except a YAML file found by walking a directory (named is false):
// YAML files that are neither Compose nor Kubernetes are common (Helm
// templates, CI configurations) and are skipped.
func CheckFile(name string, data []byte, named bool) ([]Finding, error) {
	s := &source{name: name, data: data}
	var err error
	switch kindOf(name) {
	case dockerfile:
		err = s.checkDockerfile()
	case yamlFile:
		err = s.checkYAML()
		if err != nil && !named && !isComposeName(name) {
			return nil, nil
		}
	case unitFile:
		err = s.checkUnit()
	case memcachedConf:
		s.checkMemcachedConf()
	case sysconfig:
		s.checkSysconfig()
	case terraform:
		err = s.checkTerraform()
	default:
		return nil, fmt.Errorf("%s: not a deployment file cachevet reads", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	s.suppress()
	slices.SortStableFunc(s.findings, func(a, b Finding) int { return a.Start - b.Start })
	return s.findings, nil
}

// isComposeName reports whether a name is one of Compose's default file
// names: compose.yaml, docker-compose.yml, compose.override.yaml, ...
func isComposeName(name string) bool {
	b := strings.ToLower(filepath.Base(name))
	return strings.HasPrefix(b, "compose") || strings.HasPrefix(b, "docker-compose")
}

// checkYAML checks every document of a YAML file: a Compose file has a
// top-level services mapping, a Kubernetes object apiVersion and kind.
// Documents that are neither, and a Kubernetes List's items, too, as
// kubectl and helm template print them.
func (s *source) checkYAML() error {
	dec := yaml.NewDecoder(bytes.NewReader(s.data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		switch {
		case get(root, "services") != nil && get(root, "kind") == nil:
			s.checkCompose(root)
		case str(get(root, "kind")) == "List":
			for _, it := range items(get(root, "items")) {
				s.checkKubernetes(it)
			}
		case get(root, "apiVersion") != nil:
			s.checkKubernetes(root)
		}
	}
}

// Files returns the deployment files in dirs and below, skipping what the
// go command skips in ./...: directories named testdata or vendor, or
// starting with . or _, and nested modules. node_modules is skipped too.
func Files(dirs []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, root := range dirs {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if seen[p] {
					return filepath.SkipDir
				}
				seen[p] = true
				if p != root {
					n := d.Name()
					if n == "testdata" || n == "vendor" || n == "node_modules" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
						return filepath.SkipDir
					}
					if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
						return filepath.SkipDir
					}
				}
				return nil
			}
			if d.Type().IsRegular() && IsDeploymentFile(p) && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}
