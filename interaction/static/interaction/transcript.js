// Live interview: fetch the transcript lines added since the last one shown, every 3 seconds,
// until the interview ends. Text is inserted with textContent, never as HTML.
(function () {
  const list = document.querySelector(".transcript[data-poll-url]");
  if (!list) return;
  const url = list.dataset.pollUrl;
  let lastId = Number(list.dataset.lastId || 0);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function append(line) {
    list.querySelector(".transcript__empty")?.remove();
    const item = element("li", "transcript__line transcript__line--" + (line.role === "主持人" ? "host" : "guest"));
    if (line.question) item.append(element("p", "transcript__question", "网友提问：" + line.question));
    item.append(element("span", "transcript__speaker", "[" + line.role + "] " + line.speaker));
    item.append(element("time", "", line.time));
    item.append(element("p", "transcript__text", line.text));
    list.append(item);
    list.scrollTop = list.scrollHeight;
    lastId = line.id;
  }

  async function poll() {
    try {
      const response = await fetch(url + "?after=" + lastId, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        data.lines.forEach(append);
        if (data.state !== "live") return;
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    window.setTimeout(poll, 3000);
  }
  window.setTimeout(poll, 3000);
})();
