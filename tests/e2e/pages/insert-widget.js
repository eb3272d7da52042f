// Inserts the widget's script once the page has loaded, as a tag manager
// would; the script's URL is this tag's data-src.
(function () {
  var src = document.currentScript.getAttribute("data-src");
  window.addEventListener("load", function () {
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  });
})();
