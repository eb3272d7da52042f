// A host page's own globals, set before the widget's script runs: a
// wasm_bindgen of its own and an AMD loader. The test checks the widget adds
// only FaqWidget and touches none of these.
window.wasm_bindgen = "the host page's own";
window.define = function define() {
  throw new Error("the widget must not register itself with the page's AMD loader");
};
window.define.amd = true;
window.__globalsBefore = Object.keys(window).concat("__globalsBefore");
