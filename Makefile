# Build tags: duckdb_arrow enables duckdb-go's Arrow API (classify moves text as Arrow batches).
GO      ?= go
TAGS    := -tags=duckdb_arrow
BIN     := bin/complaints
DEMO    := testdata/demo/cfpb_complaints_sample.csv testdata/demo/synthetic/*.csv
OUT     := out

.PHONY: all build run test bench fuzz golden clean

all: build

build:
	$(GO) build $(TAGS) -o $(BIN) ./cmd/complaints

# The main job: the whole pipeline on the bundled demo data, reports in out/.
run: build
	rm -f $(OUT)/demo.duckdb $(OUT)/demo.duckdb.wal
	mkdir -p $(OUT)
	$(BIN) --db $(OUT)/demo.duckdb run --out $(OUT) $(DEMO)
	@echo "open $(OUT)/index.html"

# Every test, then a short run of each fuzz target (long runs: make fuzz).
# The short runs are counted in executions, not seconds: a -fuzztime in
# seconds can fail with a bare "context deadline exceeded" when the time runs
# out while a worker is busy, a race in Go 1.26's fuzz coordinator
# (golang/go#75804, fixed in Go 1.27) that a count does not reach. A new
# input the fuzzer finds interesting is minimised for up to a minute by
# default, its executions not counted (FuzzParseTaxonomy's, a whole
# taxonomy, stood a minute at one count): the short runs minimise for 5 s.
test:
	$(GO) vet $(TAGS) ./...
	$(GO) test $(TAGS) -timeout 20m ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=3000x FUZZMINIMIZETIME=5s

# Benchmarks on generated data (1M rows, about 1 GB); not part of make test.
bench:
	$(GO) test $(TAGS) -run '^$$' -bench . -benchtime 1x -timeout 60m ./...

# Short fuzz runs of every parser; FUZZTIME=10m for the long ones.
FUZZTIME ?= 30s
FUZZMINIMIZETIME ?= 60s
fuzz:
	@for pkg in $$($(GO) list $(TAGS) ./...); do \
	  for f in $$($(GO) test $(TAGS) -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test $(TAGS) -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) $$pkg || exit 1; \
	  done; \
	done

# Refresh golden files after a deliberate change of output.
# Packages whose tests define the -update flag.
UPDATE_FLAG := flag.Bool("update"
GOLDEN_PKGS = $(shell grep -rlF '$(UPDATE_FLAG)' --include='*_test.go' . | xargs -n1 dirname | sort -u)
golden:
	$(GO) test $(TAGS) $(GOLDEN_PKGS) -run Golden -update

clean:
	rm -rf bin $(OUT)
