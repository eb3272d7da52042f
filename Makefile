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

# A longer property-test run of the content and answer parsers (make test runs 256 cases each;
# this runs 200,000, about a minute; PROPTEST_CASES=N for another count).
fuzz:
	PROPTEST_CASES=$${PROPTEST_CASES:-200000} cargo test --profile fuzz --locked --test rich_text_props --test content_props

clean:
	rm -rf target/faq-widget-build pkg
