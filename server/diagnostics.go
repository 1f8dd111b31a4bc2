package server

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/gopitfalls/gopitfalls/internal/driver"
	"github.com/gopitfalls/gopitfalls/internal/loader"
	"github.com/gopitfalls/gopitfalls/server/cache"
	"github.com/gopitfalls/gopitfalls/server/features"
	"github.com/gopitfalls/gopitfalls/server/protocol"
)

// buildDelay is how long a reload of the build waits for more changes
// (a git checkout changes many files at once).
const buildDelay = 300 * time.Millisecond

// A diagnoser schedules and publishes diagnostics. Edits mark their
// files dirty and (re)start a run, cancelling the previous one: at once
// when no run is under way, else after a short delay (so a burst of
// keystrokes is analysed once); a run analyses the packages of the dirty files on the
// latest snapshot and publishes the diagnostics of their open files with
// the versions they were computed from, unless a newer version exists.
// Files stay dirty until a run finishes them, so a cancelled run loses
// nothing.
type diagnoser struct {
	s *Server

	mu         sync.Mutex
	dirty      map[string]uint64 // path → stamp of its latest edit
	stamp      uint64
	cancelRun  context.CancelFunc
	cancelScan context.CancelFunc
	buildTimer *time.Timer
	active     int           // runs started and not finished
	idle       chan struct{} // closed when active falls to 0
	// yieldScan cancels the package the workspace scan is analysing,
	// which it analyses again once the edits' runs are done: edits come
	// first.
	yieldScan context.CancelFunc
	fromDisk  map[string]bool // files whose diagnostics a workspace scan published
	reported  map[string]bool // rule errors already logged to the client
	stopped   bool
	gc        *collector // collects between edits rather than during one
}

func newDiagnoser(s *Server) *diagnoser {
	return &diagnoser{s: s, dirty: make(map[string]uint64), fromDisk: make(map[string]bool), reported: make(map[string]bool), gc: newCollector()}
}

// edited marks path dirty and schedules a run: at once for a newly
// opened file, after the debounce delay for an edit.
func (d *diagnoser) edited(path string, now bool) {
	d.mu.Lock()
	d.stamp++
	d.dirty[path] = d.stamp
	d.mu.Unlock()
	d.mu.Lock()
	busy := d.active > 0
	d.mu.Unlock()
	delay := d.s.opts.Delay
	if now || !busy {
		delay = 0 // leading edge: an edit after a quiet spell runs at once
	}
	d.schedule(delay)
}

// factsReady marks every open file dirty and schedules a run: the facts
// of some package's dependencies are ready, and its findings may change.
// (Packages whose results did not change come from the memo.)
func (d *diagnoser) factsReady() {
	snap := d.s.sess.Snapshot()
	d.mu.Lock()
	for path := range snap.Overlays() {
		d.stamp++
		d.dirty[path] = d.stamp
	}
	d.mu.Unlock()
	d.schedule(0)
}

// schedule cancels the pending run and starts a new one after delay.
func (d *diagnoser) schedule(delay time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	if d.cancelRun != nil {
		d.cancelRun()
	}
	ctx, cancel := context.WithCancel(d.s.ctx)
	d.cancelRun = cancel
	snap := d.s.sess.Snapshot()
	items := make(map[string]uint64, len(d.dirty))
	for p, st := range d.dirty {
		items[p] = st
	}
	if d.active == 0 {
		d.idle = make(chan struct{})
		d.gc.busy()
	}
	d.active++
	if d.yieldScan != nil {
		d.yieldScan()
	}
	go func() {
		defer func() {
			d.mu.Lock()
			d.active--
			if d.active == 0 {
				close(d.idle)
				go d.gc.idle()
			}
			d.mu.Unlock()
		}()
		if delay > 0 {
			t := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
		// Profiles (gopitfalls serve -cpuprofile) attribute samples by
		// task: diagnose (an edit's run), facts, scan.
		pprof.Do(ctx, pprof.Labels("task", "diagnose"), func(ctx context.Context) { d.run(ctx, snap, items) })
	}()
}

// run analyses the packages of the dirty files.
func (d *diagnoser) run(ctx context.Context, snap *cache.Snapshot, items map[string]uint64) {
	done := make(map[string]bool) // package IDs
	for path, stamp := range items {
		if ctx.Err() != nil {
			return
		}
		if snap.Overlay(path) == nil {
			d.clean(path, stamp) // closed since
			continue
		}
		start := time.Now()
		pkg, err := snap.PackageFor(ctx, path)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			d.s.log.Error("analysing", "file", path, "error", err)
			d.s.logMessage(protocol.MessageError, "gopitfalls: %s: %v", filepath.Base(path), err)
			d.clean(path, stamp)
			continue
		}
		if !done[pkg.ID] {
			done[pkg.ID] = true
			pprof.Do(ctx, pprof.Labels("phase", "publish"), func(ctx context.Context) { d.publishPackage(ctx, snap, pkg, path) })
			d.s.log.Debug("diagnosed", "package", pkg.ID, "duration", time.Since(start).Round(time.Microsecond))
		}
		d.clean(path, stamp)
		if len(pkg.Missing) > 0 {
			go d.loadMissing(path, pkg.Missing)
		}
	}
}

// clean marks path done unless it was edited again meanwhile.
func (d *diagnoser) clean(path string, stamp uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dirty[path] == stamp {
		delete(d.dirty, path)
	}
}

// publishPackage publishes the diagnostics of pkg's open files (path
// among them), dropping those whose document has changed since.
func (d *diagnoser) publishPackage(ctx context.Context, snap *cache.Snapshot, pkg *cache.Package, path string) {
	s := d.s
	if pkg.Skipped != "" {
		s.log.Warn("not analysed", "file", path, "reason", pkg.Skipped)
		d.reportOnce(pkg.Skipped)
		if v, open := snap.Version(path); open {
			d.publish(ctx, path, v, true, []protocol.Diagnostic{})
		}
		return
	}
	if pkg.LoadErr != nil {
		d.reportOnce(fmt.Sprintf("%v (showing what the syntax alone shows)", pkg.LoadErr))
	}
	if pkg.ConfigErr != nil {
		s.showOnce(protocol.MessageWarning, fmt.Sprintf("gopitfalls: %v", pkg.ConfigErr))
	}
	for _, err := range pkg.RuleErrors {
		d.reportOnce(err.Error())
	}
	env := s.env(pkg)
	for _, f := range pkg.Files {
		// The documents open now, not when pkg was first computed: the
		// result is memoized by contents, and a file opened since with the
		// text it has on disk shares it.
		v, open := snap.Version(f.Name)
		if !open {
			continue // a file on disk: the workspace scan's
		}
		d.publish(ctx, f.Name, v, true, features.Diagnostics(pkg, f.Name, env))
	}
}

// reportOnce logs a problem to the client's output once.
func (d *diagnoser) reportOnce(msg string) {
	d.mu.Lock()
	seen := d.reported[msg]
	d.reported[msg] = true
	d.mu.Unlock()
	if !seen {
		d.s.logMessage(protocol.MessageError, "gopitfalls: %s", msg)
	}
}

// publish sends the diagnostics of a file: of an open document at
// version (unless it changed since), or of a file on disk.
func (d *diagnoser) publish(ctx context.Context, path string, version int32, open bool, diags []protocol.Diagnostic) {
	if ctx.Err() != nil {
		return
	}
	p := protocol.PublishDiagnosticsParams{URI: d.s.sess.URI(path), Diagnostics: diags}
	if open {
		cur, ok := d.s.sess.Version(path)
		if !ok || cur != version {
			return // stale: a newer version is on its way
		}
		p.Version = &version
	}
	d.s.notify("textDocument/publishDiagnostics", p)
}

// loadMissing loads the metadata of imports added since the last load
// and analyses path again.
func (d *diagnoser) loadMissing(path string, missing []string) {
	v := d.s.cache.View(filepath.Dir(path))
	if v == nil {
		return
	}
	var todo []string
	for _, m := range missing {
		if !v.Loaded(m) {
			todo = append(todo, m)
		}
	}
	if len(todo) == 0 {
		return
	}
	if err := v.Load(d.s.ctx, false, todo...); err != nil {
		d.s.log.Warn("loading new imports", "imports", todo, "error", err)
	}
	d.edited(path, true)
}

// closed clears a closed file's diagnostics, or in workspace scope shows
// those of the file on disk, and drops what only it needed.
func (d *diagnoser) closed(path string) {
	d.mu.Lock()
	delete(d.dirty, path)
	d.mu.Unlock()
	d.s.cache.Forget(d.s.sess.OpenPaths())
	if !isGo(path) {
		return
	}
	if d.workspaceScope() {
		go d.diskPackage(path)
		return
	}
	d.s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: d.s.sess.URI(path), Diagnostics: []protocol.Diagnostic{}})
}

// diskPackage publishes the diagnostics of the package of a file on disk.
func (d *diagnoser) diskPackage(path string) {
	v := d.s.cache.View(filepath.Dir(path))
	if v == nil || d.s.cache.SyntaxOnly() {
		d.s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: d.s.sess.URI(path), Diagnostics: []protocol.Diagnostic{}})
		return
	}
	g, _ := v.Graph()
	m := g.ForFile(path)
	if m == nil {
		return
	}
	snap := d.s.sess.Snapshot()
	pkg, err := snap.AnalyzeMetadata(d.s.ctx, v, m, nil)
	if err != nil {
		return
	}
	defer pkg.Release()
	d.publishDisk(d.s.ctx, snap, pkg)
}

// publishDisk publishes the diagnostics of pkg's files that are not open.
func (d *diagnoser) publishDisk(ctx context.Context, snap *cache.Snapshot, pkg *cache.Package) {
	env := d.s.env(pkg)
	for _, f := range pkg.Files {
		if snap.Overlay(f.Name) != nil || d.s.sess.Doc(f.Name) != nil {
			continue // open: the edit runs publish it
		}
		d.mu.Lock()
		d.fromDisk[f.Name] = true
		d.mu.Unlock()
		d.publish(ctx, f.Name, 0, false, features.Diagnostics(pkg, f.Name, env))
	}
}

// workspaceScope reports whether diagnostics cover the whole workspace.
func (d *diagnoser) workspaceScope() bool {
	if d.s.cache.SyntaxOnly() {
		return false // no package loading in syntax-only mode
	}
	snap := d.s.sess.Snapshot()
	for _, dir := range d.s.sess.Folders() {
		if cfg, _ := snap.Config(dir); cfg.DiagnosticsScope == "workspace" {
			return true
		}
	}
	return false
}

// settingsChanged analyses the open files again and starts (or stops)
// the workspace scan.
func (d *diagnoser) settingsChanged() {
	d.mu.Lock()
	for p := range d.s.sess.OpenPaths() {
		if isGo(p) {
			d.stamp++
			d.dirty[p] = d.stamp
		}
	}
	d.mu.Unlock()
	d.schedule(0)
	if d.workspaceScope() {
		d.startScan()
	} else {
		d.stopScan(true)
	}
}

// configFileChanged forgets the configuration files read and analyses
// again.
func (d *diagnoser) configFileChanged() {
	d.s.cache.InvalidateConfigs()
	d.settingsChanged()
}

// buildChanged reloads the packages' metadata and dependencies' export
// data after a short delay, then analyses again. force drops the packages
// that disappeared (go.mod changed, files deleted).
func (d *diagnoser) buildChanged(force bool) {
	if d.s.cache.SyntaxOnly() {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.buildTimer != nil {
		d.buildTimer.Stop()
	}
	d.buildTimer = time.AfterFunc(buildDelay, func() {
		for _, v := range d.s.cache.Views() {
			if err := v.Reload(d.s.ctx); err != nil {
				d.s.log.Error("reloading packages", "root", v.Root, "error", err)
				d.s.logMessage(protocol.MessageError, "gopitfalls: %v", err)
			}
		}
		d.settingsChanged()
	})
}

// startScan (re)starts the analysis of the whole workspace.
func (d *diagnoser) startScan() {
	d.mu.Lock()
	if d.cancelScan != nil {
		d.cancelScan()
	}
	ctx, cancel := context.WithCancel(d.s.ctx)
	d.cancelScan = cancel
	d.mu.Unlock()
	go pprof.Do(ctx, pprof.Labels("task", "scan"), d.scan)
}

// stopScan stops the workspace scan and, with clear, clears the
// diagnostics it published for files that are not open.
func (d *diagnoser) stopScan(clear bool) {
	d.mu.Lock()
	if d.cancelScan != nil {
		d.cancelScan()
		d.cancelScan = nil
	}
	var files []string
	if clear {
		for f := range d.fromDisk {
			files = append(files, f)
		}
		d.fromDisk = make(map[string]bool)
	}
	d.mu.Unlock()
	for _, f := range files {
		if d.s.sess.Doc(f) == nil {
			d.s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: d.s.sess.URI(f), Diagnostics: []protocol.Diagnostic{}})
		}
	}
}

// scan analyses every package of the workspace folders, reporting
// progress, and publishes the diagnostics of files that are not open.
func (d *diagnoser) scan(ctx context.Context) {
	s := d.s
	start := time.Now()
	prog := s.startProgress(ctx, "gopitfalls: checking the workspace")
	var views []*cache.View
	for _, dir := range s.sess.Folders() {
		v := s.cache.View(dir)
		if v == nil {
			s.log.Info("workspace folder outside any module: not scanned", "folder", dir)
			continue
		}
		prog.report(ctx, "loading packages", 0)
		if err := v.Load(ctx, false, "./..."); err != nil {
			if ctx.Err() == nil {
				s.log.Error("loading the workspace", "root", v.Root, "error", err)
				s.logMessage(protocol.MessageError, "gopitfalls: %v", err)
			}
			continue
		}
		views = append(views, v)
	}
	total, n := 0, 0
	var pkgs [][]*loader.Metadata
	for _, v := range views {
		ps := v.WorkspacePackages()
		pkgs = append(pkgs, ps)
		total += len(ps)
	}
	for i, v := range views {
		// Facts flow from each package to its importers, which come
		// after it: every package is analysed once. What the scan keeps
		// is this store (facts only, no syntax or types) and the package
		// under analysis.
		facts := driver.NewFacts()
		for _, m := range driver.DependencyOrder(pkgs[i]) {
			n++
			prog.report(ctx, m.PkgPath, 100*n/max(total, 1))
			pkg, snap, err := d.scanPackage(ctx, v, m, facts)
			if ctx.Err() != nil {
				prog.end(context.Background(), "cancelled")
				return
			}
			if err != nil {
				s.log.Error("analysing", "package", m.ID, "error", err)
				continue
			}
			for _, err := range pkg.RuleErrors {
				d.reportOnce(err.Error())
			}
			d.publishDisk(ctx, snap, pkg)
			pkg.Release()
		}
	}
	s.log.Info("workspace checked", "packages", total, "duration", time.Since(start).Round(time.Millisecond))
	prog.end(ctx, fmt.Sprintf("%d packages checked", total))
}

// scanPackage analyses package m for the workspace scan. Edits come
// first: it waits while an edit's run is under way, and an edit that
// starts meanwhile cancels it (between two rules), after which it waits
// and analyses m again, on the snapshot of that time. It returns an
// error only when ctx is cancelled or the analysis itself fails.
func (d *diagnoser) scanPackage(ctx context.Context, v *cache.View, m *loader.Metadata, facts *driver.Facts) (*cache.Package, *cache.Snapshot, error) {
	for {
		pctx, cancel := context.WithCancel(ctx)
		d.mu.Lock()
		for d.active > 0 {
			idle := d.idle
			d.mu.Unlock()
			select {
			case <-idle:
			case <-ctx.Done():
				cancel()
				return nil, nil, ctx.Err()
			}
			d.mu.Lock()
		}
		d.yieldScan = cancel
		d.mu.Unlock()
		snap := d.s.sess.Snapshot()
		pkg, err := snap.AnalyzeMetadata(pctx, v, m, facts)
		d.mu.Lock()
		d.yieldScan = nil
		d.mu.Unlock()
		yielded := pctx.Err() != nil && ctx.Err() == nil
		cancel()
		switch {
		case ctx.Err() != nil:
			if err == nil {
				pkg.Release()
			}
			return nil, nil, ctx.Err()
		case yielded:
			if err == nil {
				pkg.Release()
			}
			d.s.log.Debug("scan yields to an edit", "package", m.ID)
			continue // m again after the edit
		case err != nil:
			return nil, nil, err
		}
		return pkg, snap, nil
	}
}

// stop cancels every run.
func (d *diagnoser) stop() {
	d.mu.Lock()
	d.stopped = true
	if d.cancelRun != nil {
		d.cancelRun()
	}
	if d.cancelScan != nil {
		d.cancelScan()
	}
	if d.buildTimer != nil {
		d.buildTimer.Stop()
	}
	d.mu.Unlock()
}
