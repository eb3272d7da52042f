#!/usr/bin/env bash
# Builds pkg/: the wasm (release, size-tuned), wasm-bindgen's glue, wasm-opt,
# then tools/build-pkg.mjs assembles the drop-in files and checks the size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/faq-widget-build
# Panic locations name dependency files by path: written the same on every
# machine, whatever CARGO_HOME is, so the download's size does not depend on it.
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=/cargo"
cargo build --lib --release --locked --target wasm32-unknown-unknown
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target no-modules --no-typescript --omit-default-module-path --encode-into always --out-dir "$out" \
  target/wasm32-unknown-unknown/release/faq_widget.wasm
# The --enable flags name the features rustc enables by default for wasm32,
# which wasm-opt must accept. ${WASM_OPT_FLAGS} lets a size experiment try others.
node_modules/.bin/wasm-opt ${WASM_OPT_FLAGS:--Oz --flatten --rereloop -Oz -Oz} --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/faq_widget_bg.wasm" -o "$out/faq_widget_bg.opt.wasm"
node tools/build-pkg.mjs "$out" "$out/faq_widget_bg.opt.wasm" pkg
