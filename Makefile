# Workframe: two commands on a fresh machine.
#   make run    install front-end packages, build, load the demo and serve http://localhost:8080
#   make test   every test (PostgreSQL and browser tests too when configured: see README)

GO        ?= go
DATABASE  ?= data/workframe.db
ADDR      ?= :8080
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
VENDOR    := web/static/vendor/VERSION

.PHONY: run build test test-short vet fmt fuzz assets clean bench soak

run: build
	@mkdir -p $(dir $(DATABASE))
	bin/workframe demo --database $(DATABASE)
	bin/workframe serve --database $(DATABASE) --addr $(ADDR) --nhs-branding

build: $(VENDOR)
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/workframe ./cmd/workframe

# The design system's files are installed from npm (pinned in web/package-lock.json) and the
# parts the site uses are copied into web/static/vendor, which the binary embeds. Go cannot
# build the web package until this has run.
assets: $(VENDOR)

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

$(VENDOR): web/node_modules/.package-lock.json web/build.mjs
	cd web && node build.mjs

test: $(VENDOR)
	$(GO) test -timeout 18m ./...

test-short: $(VENDOR)
	$(GO) test -short ./...

vet: $(VENDOR)
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt would change the files above"; exit 1; }

fmt:
	gofmt -w $$(git ls-files '*.go')

# Benchmarks (bench/README.md): generated data at the system scale on SQLite and PostgreSQL, each
# figure beside its baseline in the same run: role search and load, people import, HTTP load with
# wrk, career options and talent match, workforce profile and scenario comparison; writes
# bench/RESULTS.md. Needs PostgreSQL running, the sqlite3 shell and wrk; 35 to 45 minutes
# (estimated). BENCHFLAGS passes options (-engines sqlite; -scale small -rounds 1 for a quick
# whole run; -only import|http|careers|workforce for one part alone, printed, not written).
.PHONY: bench
BENCHFLAGS ?=
bench: $(VENDOR)
	$(GO) run ./bench/cmd/bench $(BENCHFLAGS)

# The soak test (issue 10): the real server under mixed reads and writes from 32 connections for
# 10 minutes on loopback; fails on any error, lost update, missing write or growing memory. Not
# part of make test or CI: see bench/README.md.
soak: $(VENDOR)
	$(GO) run ./bench/cmd/soak $(SOAKFLAGS)

# Each fuzz target runs briefly; go test -fuzz takes one target per run. Go 1.26's fuzz
# coordinator can fail a run with a bare "context deadline exceeded" when -fuzztime ends while a
# worker is busy (golang/go#75804, fixed in Go 1.27): that run is tried once more. A real finding
# always writes "Failing input written to testdata/fuzz/..." and fails at once.
FUZZTIME ?= 10s
fuzz: $(VENDOR)
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    for try in 1 2; do \
	      echo "fuzz $$pkg $$t"; \
	      if $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s $$pkg > fuzz.log 2>&1; then cat fuzz.log; break; fi; \
	      cat fuzz.log; \
	      if [ $$try = 1 ] && grep -q 'context deadline exceeded' fuzz.log && ! grep -q 'Failing input written' fuzz.log; then \
	        echo "fuzz: $$t stopped at the fuzztime boundary without a finding (golang/go#75804): trying again"; continue; fi; \
	      rm -f fuzz.log; exit 1; \
	    done; \
	  done; \
	done; rm -f fuzz.log

clean:
	rm -rf bin web/static/vendor
