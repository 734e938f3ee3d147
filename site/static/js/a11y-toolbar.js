// The 无障碍 toolbar: text size, page zoom, high contrast and dark, line spacing, large cursor,
// reading guide, read aloud (the browser's speech synthesis), reset; and the 长者模式 switch.
// Native buttons make it keyboard operable; every change is announced in the status region and
// remembered by a11y-init.js (localStorage; elder mode in a cookie the server reads).
(function () {
  var a11y = window.portalA11y;
  var toolbar = document.getElementById("a11y-toolbar");
  var opener = document.querySelector("[data-a11y-open]");
  if (!a11y || !toolbar || !opener) return;
  var root = document.documentElement;
  var status = document.getElementById("a11y-status");
  var speech = window.speechSynthesis;
  var TEXT_STEPS = [100, 112, 125, 150, 175];
  var ZOOM_STEPS = [100, 110, 125, 150, 175];
  // Announcements in the page's language: the template puts the translated texts on the toolbar.
  function text(name, fallback) {
    return toolbar.getAttribute("data-msg-" + name) || fallback;
  }
  function label(name) {
    var button = toolbar.querySelector('[data-a11y="' + name + '"]');
    return button ? button.textContent.trim() : name;
  }
  function groupLabel(action) {
    return toolbar.querySelector('[data-a11y="' + action + '"]').closest("[role=group]").getAttribute("aria-label");
  }
  var settings = a11y.read();
  var pointReading = false;
  var guide = document.createElement("div");
  guide.className = "a11y-guide-line";
  guide.setAttribute("aria-hidden", "true");
  document.body.appendChild(guide);

  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function change(update, message) {
    update();
    a11y.save(settings);
    a11y.apply(settings);
    show();
    announce(message);
  }

  function step(name, steps, delta, label) {
    var level = Math.max(0, Math.min(steps.length - 1, (settings[name] || 0) + delta));
    change(function () {
      settings[name] = level;
    }, label + " " + steps[level] + "%");
  }

  function pressed(name, on) {
    var button = toolbar.querySelector('[data-a11y="' + name + '"]');
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function show() {
    a11y.switches.forEach(function (name) {
      pressed(name, settings[name]);
    });
    pressed("point-read", pointReading);
  }

  function setOpen(open) {
    toolbar.hidden = !open;
    opener.setAttribute("aria-expanded", open ? "true" : "false");
    settings.open = open;
    a11y.save(settings);
  }

  // Read aloud. Long texts go sentence by sentence: some browsers stop a long utterance.
  function say(text, onDone) {
    speech.cancel();
    var parts = text.replace(/\s+/g, " ").match(/[^。！？!?；;]+[。！？!?；;]?/g) || [];
    parts.forEach(function (part, index) {
      var utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = root.lang || "zh-CN";
      if (index === parts.length - 1 && onDone) utterance.onend = onDone;
      speech.speak(utterance);
    });
  }

  function readAll(button) {
    if (speech.speaking) {
      speech.cancel();
      button.setAttribute("aria-pressed", "false");
      announce(text("read-stop", "已停止朗读"));
      return;
    }
    var main = document.querySelector("main article") || document.querySelector("main");
    button.setAttribute("aria-pressed", "true");
    announce(text("read-start", "开始朗读全文"));
    say(main.innerText, function () {
      button.setAttribute("aria-pressed", "false");
    });
  }

  function readUnder(event) {
    if (!pointReading) return;
    var target = event.target.closest("h1, h2, h3, h4, h5, h6, p, li, a, button, label, td, th, figcaption, dt, dd");
    if (!target || target.closest("#a11y-toolbar")) return;
    var previous = document.querySelector(".a11y-reading");
    if (previous) previous.classList.remove("a11y-reading");
    target.classList.add("a11y-reading");
    say(target.getAttribute("aria-label") || target.innerText);
  }

  var actions = {
    "text+": function () {
      step("text", TEXT_STEPS, 1, groupLabel("text+"));
    },
    "text-": function () {
      step("text", TEXT_STEPS, -1, groupLabel("text-"));
    },
    "zoom+": function () {
      step("zoom", ZOOM_STEPS, 1, groupLabel("zoom+"));
    },
    "zoom-": function () {
      step("zoom", ZOOM_STEPS, -1, groupLabel("zoom-"));
    },
    "point-read": function () {
      pointReading = !pointReading;
      if (!pointReading) speech.cancel();
      show();
      announce(pointReading ? text("point-on", "指读已开启：指向或聚焦的文字将被朗读") : text("point-off", "指读已关闭"));
    },
    "read-all": readAll,
    reset: function () {
      if (speech) speech.cancel();
      pointReading = false;
      a11y.setElder(false);
      change(function () {
        settings = { open: true };
      }, text("reset", "已恢复默认显示"));
    },
    close: function () {
      setOpen(false);
      opener.focus();
    },
  };
  a11y.switches.forEach(function (name) {
    actions[name] = function () {
      change(function () {
        settings[name] = !settings[name];
        if (settings[name] && (name === "contrast" || name === "dark")) {
          settings[name === "contrast" ? "dark" : "contrast"] = false; // one colour scheme at a time
        }
      }, text(settings[name] ? "switch-off" : "switch-on", settings[name] ? "{name}已关闭" : "{name}已开启").replace("{name}", label(name)));
    };
  });

  if (!speech) {
    ["point-read", "read-all"].forEach(function (name) {
      var button = toolbar.querySelector('[data-a11y="' + name + '"]');
      button.disabled = true;
      button.title = text("no-speech", "您的浏览器不支持语音朗读");
    });
  }

  opener.hidden = false;
  setOpen(!!settings.open);
  show();

  opener.addEventListener("click", function () {
    setOpen(toolbar.hidden);
    if (!toolbar.hidden) toolbar.querySelector("button").focus();
  });
  toolbar.addEventListener("click", function (event) {
    var button = event.target.closest("[data-a11y]");
    if (button) actions[button.getAttribute("data-a11y")](button);
  });
  toolbar.addEventListener("keydown", function (event) {
    if (event.key === "Escape") actions.close();
  });

  // 长者模式 without reloading the page; the links still work without JavaScript.
  document.querySelectorAll("[data-a11y-mode]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var on = link.getAttribute("data-a11y-mode") === "elder";
      a11y.setElder(on);
      announce(on ? text("elder-on", "已进入长者模式") : text("elder-off", "已退出长者模式"));
      document.querySelector(on ? "[data-a11y-mode=standard]" : "[data-a11y-mode=elder]").focus();
    });
  });

  // Elder mode opens no new windows: links meant for a new tab open in this one.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[target=_blank]");
    if (link && root.classList.contains("mode-elder") && !event.defaultPrevented) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });

  document.addEventListener("mouseover", readUnder);
  document.addEventListener("focusin", readUnder);
  document.addEventListener("mousemove", function (event) {
    if (settings.guide) guide.style.top = event.clientY + "px";
  });
  document.addEventListener("focusin", function (event) {
    if (settings.guide) {
      var box = event.target.getBoundingClientRect();
      guide.style.top = box.bottom + "px";
    }
  });
})();
