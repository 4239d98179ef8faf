package main

import (
	"context"

	"github.com/complaints/complaints/internal/warehouse"
)

// pipelineStages are the stages `run` applies between ingest and the
// reports, in order.
var pipelineStages = []struct {
	name string
	run  func(ctx context.Context, e *env, db *warehouse.DB) error
}{
	{"classify", classifyStage},
}
