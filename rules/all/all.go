// Package all is the registry of gopitfalls rules.
package all

import (
	"github.com/gopitfalls/gopitfalls/rules/channelclose"
	"github.com/gopitfalls/gopitfalls/rules/concurrentmap"
	"github.com/gopitfalls/gopitfalls/rules/databusconsume"
	"github.com/gopitfalls/gopitfalls/rules/deadlock"
	"github.com/gopitfalls/gopitfalls/rules/goerrgroup"
	"github.com/gopitfalls/gopitfalls/rules/indexrange"
	"github.com/gopitfalls/gopitfalls/rules/kafkaconsume"
	"github.com/gopitfalls/gopitfalls/rules/nilmapwrite"
	"github.com/gopitfalls/gopitfalls/rules/paladininit"
	"github.com/gopitfalls/gopitfalls/rules/rule"
	"github.com/gopitfalls/gopitfalls/rules/serverrecovery"
	"github.com/gopitfalls/gopitfalls/rules/typednilerror"
	"github.com/gopitfalls/gopitfalls/rules/uncheckedtypeassertion"
	"github.com/gopitfalls/gopitfalls/rules/unhandlederror"
	"github.com/gopitfalls/gopitfalls/rules/usebeforeerrcheck"
	"github.com/gopitfalls/gopitfalls/rules/wardendiscovery"
)

// Rules lists every rule, sorted by ID. Generic layers (the driver, the
// server, the configuration) do not import this package: main and the
// test harnesses hand them this set.
var Rules = rule.Set{
	channelclose.Rule,
	concurrentmap.Rule,
	databusconsume.Rule,
	deadlock.Rule,
	goerrgroup.Rule,
	indexrange.Rule,
	kafkaconsume.Rule,
	nilmapwrite.Rule,
	paladininit.Rule,
	serverrecovery.Rule,
	typednilerror.Rule,
	uncheckedtypeassertion.Rule,
	unhandlederror.Rule,
	usebeforeerrcheck.Rule,
	wardendiscovery.Rule,
}
