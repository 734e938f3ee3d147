// Applies the visitor's accessibility settings (the 无障碍 toolbar, a11y-toolbar.js) and elder mode
// before the first paint: loaded without `defer` in <head>, so a remembered setting never flashes
// the standard page. Also shared with the toolbar as window.portalA11y.
(function () {
  var KEY = "portal-a11y";
  var COOKIE = "portal_mode";
  var SWITCHES = ["contrast", "dark", "spacing", "cursor", "guide"];
  var root = document.documentElement;

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY)) || {};
    } catch (error) {
      return {}; // storage refused (privacy settings) or damaged: start from the defaults
    }
  }

  function save(settings) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(settings));
    } catch (error) {
      // Not remembered, but still applied to this page.
    }
  }

  function elder() {
    return new RegExp("(?:^|;\\s*)" + COOKIE + "=elder(?:;|$)").test(document.cookie);
  }

  function setElder(on) {
    // The server renders elder mode from this cookie (home/display_mode.py).
    document.cookie = COOKIE + "=" + (on ? "elder; max-age=31536000" : "; max-age=0") + "; path=/; SameSite=Lax";
    root.classList.toggle("mode-elder", on);
  }

  function apply(settings) {
    root.classList.toggle("mode-elder", elder());
    ["text", "zoom"].forEach(function (name) {
      if (settings[name]) root.setAttribute("data-a11y-" + name, settings[name]);
      else root.removeAttribute("data-a11y-" + name);
    });
    SWITCHES.forEach(function (name) {
      root.classList.toggle("a11y-" + name, !!settings[name]);
    });
  }

  apply(read());
  window.portalA11y = { read: read, save: save, apply: apply, elder: elder, setElder: setElder, switches: SWITCHES };
})();
