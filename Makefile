# The two commands of the README: `make demo` and `make test`. Each sets up
# what is missing (tools/setup.sh), builds pkg/, then serves or tests.
PORT ?= 8080

.PHONY: setup build demo test size bench fuzz clean

setup:
	@bash tools/setup.sh

build: setup
	@bash tools/build.sh

demo: build
	node tools/serve.mjs --port $(PORT)

test: build
	@bash tools/test-all.sh

size: build

bench: build
	node tools/bench.mjs

clean:
	rm -rf target/faq-widget-build pkg
