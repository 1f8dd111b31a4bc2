# The two commands of the README:
#   make        build gopitfalls and run it on the example workspace (the main job)
#   make test   run every test
# .ci/run runs `make test`.

GO ?= go
export GOTOOLCHAIN := local

.PHONY: all build example test go-test lint

all: build example

build:
	$(GO) build -o gopitfalls .

# The example workspace has planted pitfalls: exit status 1 (findings) is
# the expected outcome; 2 (a failure) is not.
example: build
	cd testdata/example && ../../gopitfalls check ./... ; status=$$?; test $$status -le 1

test: lint go-test

lint:
	$(GO) mod download
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^testdata/')); \
	  if [ -n "$$out" ]; then echo "not gofmt'd:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

go-test:
	$(GO) test -race ./...
