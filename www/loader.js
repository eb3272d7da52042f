/*! faq-widget | MIT OR Apache-2.0 */
// The drop-in script: loads the WebAssembly next to this file and mounts
// every [data-faq-src] and [data-faq] element. Works as a classic
// (defer/async) script and as type="module".
(function () {
  "use strict";
  if (typeof window === "undefined" || window.FaqWidget) return; // included twice: mount once

  function report(what, error) {
    console.error("faq-widget: " + what + ": " + (error && error.message ? error.message : String(error)));
  }

  // This file's own URL, so the .wasm is found beside it on any origin.
  // document.currentScript is null for modules and after load: look the tag up then.
  function ownUrl() {
    var current = document.currentScript;
    if (current && current.src) return current.src;
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/faq-widget(\.min)?\.js([?#]|$)/.test(scripts[i].src)) return scripts[i].src;
    }
    return location.href;
  }
  var wasmUrl = new URL("faq_widget_bg.wasm", ownUrl());
  // Fetched at once, while the glue below is still being parsed. The glue's
  // own message for an error status names the URL twice; "HTTP 404" reads
  // better after "could not load <url>: ".
  var wasmResponse = fetch(wasmUrl).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response;
  });

  /* @@GLUE@@ */

  // Resolves true once the WebAssembly runs, false if it could not load; never rejects,
  // so the host page sees no unhandled rejection. (The glue compiles a
  // response streaming, and falls back to its bytes, with a console.warn,
  // when the .wasm is served without the application/wasm type.)
  var ready = wasm_bindgen({ module_or_path: wasmResponse }).then(
    function () { return true; },
    function (error) {
      // The host's own children (the no-JavaScript fallback) stay visible.
      report("could not load " + wasmUrl, error);
      return false;
    }
  );

  function guarded(what, work) {
    try {
      return work();
    } catch (error) {
      report(what, error);
    }
  }

  // Options with `content` reduced to plain JSON data: a getter that throws,
  // a cycle or a Proxy is reported here instead of inside the WebAssembly,
  // and the widget then shows its error box for content that is not an object.
  function plain(options) {
    if (!options || options.content == null) return options || undefined;
    var copy = {};
    for (var key in options) copy[key] = options[key];
    try {
      copy.content = JSON.parse(JSON.stringify(options.content));
    } catch (error) {
      report("the content option is not plain JSON data", error);
      copy.content = "not plain JSON data";
    }
    return copy;
  }

  // A handle that queues calls made before the WebAssembly has loaded. The
  // WebAssembly knows a widget by its number (0: none could be mounted).
  function Handle(element, options) {
    var widget = null;
    var pending = [];
    var self = this;
    ready.then(function (loaded) {
      if (!loaded) return;
      widget = guarded("mount", function () {
        return wasm_bindgen.mount(element, plain(options));
      });
      pending.splice(0).forEach(function (call) { call(); });
    });
    function method(name) {
      return function (argument) {
        var call = function () {
          if (widget) guarded(name, function () { wasm_bindgen[name](widget, argument); });
        };
        if (widget) call(); else pending.push(call);
        return self;
      };
    }
    this.setLanguage = method("setLanguage");
    this.open = method("open");
    this.close = method("close");
    this.destroy = method("destroy");
    // The widget marks its root with the language it shows: read from there,
    // it needs no call into the WebAssembly.
    Object.defineProperty(this, "language", {
      get: function () {
        if (widget == null) return undefined;
        var root = widget && element.shadowRoot && element.shadowRoot.querySelector(".faq");
        return root ? root.lang : "";
      }
    });
    this.ready = ready.then(function () { return self; });
  }

  // Mounts every [data-faq-src] and [data-faq] element not mounted yet (the
  // WebAssembly mounts an element once); resolves to how many there are.
  function mountAll() {
    return ready.then(function (loaded) {
      var hosts = loaded ? document.querySelectorAll("[data-faq-src], [data-faq]") : [];
      for (var i = 0; i < hosts.length; i++) {
        guarded("mount", function () { wasm_bindgen.mount(hosts[i]); });
      }
      return hosts.length;
    });
  }

  window.FaqWidget = Object.freeze({
    mount: function (element, options) {
      if (!element || element.nodeType !== 1) {
        report("mount", new TypeError("the first argument must be an element"));
        return null;
      }
      return new Handle(element, options);
    },
    mountAll: mountAll
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
