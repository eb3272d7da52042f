//! The `faq` authoring tool. PLACEHOLDER.
fn main() {
    eprintln!("faq: not yet implemented");
    std::process::exit(2);
}
