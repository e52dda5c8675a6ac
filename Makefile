# Thin wrapper over CMake: `make demo` and `make test` do all set-up.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	rm -rf $(BUILD)/demo-db
	$(BUILD)/bin/pressa-index --db $(BUILD)/demo-db corpus
	$(BUILD)/bin/pressa-search --db $(BUILD)/demo-db --limit 3 экспортёры Смоленской области

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)
