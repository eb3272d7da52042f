//! The `faq` authoring tool's entry point. The tool itself is in `faq/cli.rs`;
//! it is native-only, so building the crate's tests for wasm32 (which builds
//! its binaries too) does not pull clap or serde_json into the wasm build.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(not(target_arch = "wasm32"))]
#[path = "faq/cli.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
