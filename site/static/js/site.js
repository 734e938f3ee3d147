// Behaviour of the public pages, kept out of the HTML so the Content-Security-Policy can forbid
// inline scripts: a [data-print] button prints the page.
(function () {
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
