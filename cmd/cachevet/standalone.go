package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cachevet/cachevet/analyzers"
	"github.com/cachevet/cachevet/analyzers/exposure"
	"github.com/cachevet/cachevet/cmd/cachevet/internal/load"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// options are the standalone driver's flags: those of multichecker (so
// that scripts written for it keep working), plus -sarif and -prune.
type options struct {
	enabled    map[*analysis.Analyzer]*triState
	json       bool
	context    int
	fix, diff  bool
	tests      bool
	deploy     bool
	prune      bool
	debug      string
	cpuProfile string
	memProfile string
	traceFile  string
}

func registerFlags(all []*analysis.Analyzer) *options {
	o := &options{enabled: make(map[*analysis.Analyzer]*triState)}
	for _, a := range all {
		ts := new(triState)
		flag.Var(ts, a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		o.enabled[a] = ts
		a.Flags.VisitAll(func(f *flag.Flag) {
			flag.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	flag.BoolVar(&o.json, "json", false, "emit JSON output")
	flag.IntVar(&o.context, "c", -1, "display offending line with this many lines of context")
	flag.BoolVar(&o.fix, "fix", false, "apply all suggested fixes")
	flag.BoolVar(&o.diff, "diff", false, "with -fix, don't update the files, but print a unified diff")
	flag.BoolVar(&o.tests, "test", true, "indicates whether test files should be analyzed, too")
	flag.BoolVar(&o.deploy, "deploy", true, "check the deployment files (Dockerfiles, Compose, Kubernetes, systemd, memcached.conf, Terraform) in the packages' directories and below, and those named as arguments, with the exposure analyzer's rules")
	flag.BoolVar(&o.prune, "prune", true, "load from source only the dependencies that can change a finding, the others from export data (-prune=false: every package from source, as the stock go/analysis driver)")
	flag.StringVar(&o.debug, "debug", "", "debug flags, any subset of "+strconv.Quote(debugFlags))
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write CPU profile to this file")
	flag.StringVar(&o.memProfile, "memprofile", "", "write memory profile to this file")
	flag.StringVar(&o.traceFile, "trace", "", "write trace log to this file")
	// multichecker's shims for legacy vet flags.
	_ = flag.Bool("source", false, "no effect (deprecated)")
	_ = flag.Bool("v", false, "no effect (deprecated)")
	_ = flag.Bool("all", false, "no effect (deprecated)")
	_ = flag.String("tags", "", "no effect (deprecated)")
	return o
}

// selected returns the analyzers to run, as multichecker chooses them: if
// some -NAME is true only those, else all but those with -NAME=false.
func (o *options) selected(all []*analysis.Analyzer) []*analysis.Analyzer {
	var hasTrue, hasFalse bool
	for _, ts := range o.enabled {
		hasTrue = hasTrue || *ts == setTrue
		hasFalse = hasFalse || *ts == setFalse
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		if hasTrue && *o.enabled[a] != setTrue || !hasTrue && hasFalse && *o.enabled[a] == setFalse {
			continue
		}
		out = append(out, a)
	}
	return out
}

// debugFlags are the letters of -debug: f facts, p sequential, s sanity
// checks, t timings, v verbose loading.
const debugFlags = "fpstv"

func (o *options) dbg(b byte) bool { return strings.IndexByte(o.debug, b) >= 0 }

// runStandalone is cachevet run on packages: it loads them (see package
// load), runs the analyzers with golang.org/x/tools/go/analysis/checker and
// prints the findings as text, JSON or SARIF, or applies their fixes. It
// returns the exit code, which follows multichecker's.
func runStandalone(all []*analysis.Analyzer, sarifOut *sarifFlag) int {
	o := registerFlags(all)
	flag.Parse()
	selected := o.selected(all)

	if sarifOut.set && (o.json || o.fix || o.diff) {
		log.Print("-sarif cannot be combined with -json, -fix or -diff")
		return 1
	}
	if i := strings.IndexFunc(o.debug, func(r rune) bool { return !strings.ContainsRune(debugFlags, r) }); i >= 0 {
		log.Printf("-debug=%s: unknown flag %q, want any of %q", o.debug, o.debug[i], debugFlags)
		return 1
	}
	patterns, deployFiles := splitDeployArgs(flag.Args())
	if len(patterns) == 0 && len(deployFiles) == 0 {
		log.Print("no packages to analyze")
		return 1
	}
	deployOn := o.deploy && slices.Contains(selected, exposure.Analyzer)
	if !deployOn && len(deployFiles) > 0 {
		log.Printf("deployment files named (%s), but -deploy=false or exposure is off", strings.Join(deployFiles, " "))
		return 1
	}
	stop, err := o.startProfiling()
	if err != nil {
		log.Print(err)
		return 1
	}
	defer stop()

	logf := func(string, ...any) {}
	if o.dbg('v') {
		log.SetFlags(log.Lmicroseconds)
		logf = log.Printf
	}
	start := time.Now()
	logf("load %s", patterns)
	loaded, err := &load.Result{}, error(nil)
	if len(patterns) > 0 {
		loaded, err = load.Packages(load.Config{Tests: o.tests, Full: !o.prune, Relevance: analyzers.NewRelevance()}, patterns...)
	}
	if err == nil && len(loaded.Roots) == 0 && len(patterns) > 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		log.Print(err)
		return 1
	}
	logf("loaded %d packages from source and %d from export data in %v", len(loaded.Source), loaded.Export, time.Since(start).Round(time.Millisecond))
	logf("from source: %s", strings.Join(loaded.Source, " "))

	exit := 0
	var loadErrors []string
	if sarifOut.set {
		packages.Visit(loaded.Roots, nil, func(p *packages.Package) {
			for _, e := range p.Errors {
				fmt.Fprintln(os.Stderr, e)
				loadErrors = append(loadErrors, e.Error())
			}
		})
		if len(loadErrors) > 0 {
			exit = 1
		}
	} else if packages.PrintErrors(loaded.Roots) > 0 {
		exit = 1
	}

	opts := &checker.Options{SanityCheck: o.dbg('s'), Sequential: o.dbg('p')}
	if o.dbg('f') {
		opts.FactLog = os.Stderr
	}
	graph, err := checker.Analyze(selected, loaded.Roots, opts)
	if err != nil {
		log.Print(err)
		return 1
	}
	logf("analyzed in %v", time.Since(start).Round(time.Millisecond))
	dr := &deployResult{}
	if deployOn {
		if dr, err = checkDeployment(loaded.Roots, deployFiles); err != nil {
			log.Print(err)
			return 1
		}
		logf("checked deployment files %s", dr.names())
	}

	switch {
	case sarifOut.set:
		return max(exit, writeSARIF(selected, graph, dr, loadErrors, sarifOut.path))
	case o.fix:
		if err := applyFixes(graph.Roots, o.diff); err != nil {
			log.Print(err)
			return 1
		}
		if err := dr.applyFixes(o.diff); err != nil {
			log.Print(err)
			return 1
		}
		return exit
	case o.json:
		var buf bytes.Buffer
		if err := graph.PrintJSON(&buf); err != nil {
			return 1
		}
		out, err := dr.mergeJSON(buf.Bytes())
		if err != nil {
			log.Print(err)
			return 1
		}
		os.Stdout.Write(out)
		return exit
	}
	wd, err := os.Getwd()
	if err != nil {
		log.Print(err)
		return 1
	}
	printer := &textPrinter{w: os.Stderr, wd: wd, context: o.context}
	found := printer.printText(graph, dr.reported())
	if s := summary(found, selected); s != "" {
		fmt.Fprintln(os.Stderr, s)
	}
	failed := false
	for act := range graph.All() {
		if act.Err != nil {
			failed = true
		}
	}
	if o.dbg('t') {
		printTimes(graph)
	}
	switch {
	case failed:
		return 1
	case exit != 0:
		return exit
	case len(found) > 0:
		return 3
	}
	return 0
}

// startProfiling starts what -cpuprofile, -memprofile and -trace ask for;
// the returned function finishes them. On an error, what was started is
// finished already.
func (o *options) startProfiling() (func(), error) {
	var stops []func()
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	// profile creates file, starts writing to it and registers finish.
	profile := func(file string, start func(io.Writer) error, finish func(io.Writer)) error {
		if file == "" {
			return nil
		}
		f, err := os.Create(file)
		if err != nil {
			return err
		}
		if err := start(f); err != nil {
			f.Close()
			return err
		}
		stops = append(stops, func() { finish(f); f.Close() })
		return nil
	}
	err := profile(o.cpuProfile, pprof.StartCPUProfile, func(io.Writer) { pprof.StopCPUProfile() })
	if err == nil {
		err = profile(o.traceFile, trace.Start, func(io.Writer) { trace.Stop() })
	}
	if err == nil {
		err = profile(o.memProfile, func(io.Writer) error { return nil }, func(w io.Writer) {
			runtime.GC()
			if err := pprof.WriteHeapProfile(w); err != nil {
				log.Print(err)
			}
		})
	}
	if err != nil {
		stop()
		return func() {}, err
	}
	return stop, nil
}

// printTimes prints the slowest actions (-debug=t), as multichecker does.
func printTimes(graph *checker.Graph) {
	var list []*checker.Action
	var total time.Duration
	for act := range graph.All() {
		list = append(list, act)
		total += act.Duration
	}
	slices.SortStableFunc(list, func(a, b *checker.Action) int { return cmp.Compare(b.Duration, a.Duration) })
	var sum time.Duration
	for _, act := range list {
		fmt.Fprintf(os.Stderr, "%s\t%s\n", act.Duration, act)
		sum += act.Duration
		if sum >= total*9/10 {
			break
		}
	}
	if total > sum {
		fmt.Fprintf(os.Stderr, "%s\tall others\n", total-sum)
	}
}

// A triState is a boolean flag that knows whether it was set, as
// multichecker's -NAME flags: -NAME runs only the analyzers named so,
// -NAME=false runs all the others.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }
func (ts *triState) Get() any         { return *ts == setTrue }

func (ts *triState) String() string {
	if ts != nil && *ts == setFalse {
		return "false"
	}
	return "true"
}

func (ts *triState) Set(value string) error {
	b, err := strconv.ParseBool(value)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	if b {
		*ts = setTrue
	} else {
		*ts = setFalse
	}
	return nil
}
