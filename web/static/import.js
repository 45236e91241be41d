// Poll the import's progress; reload the page (which then shows the summary) when it ends.
(function () {
  "use strict";
  const box = document.getElementById("progress");
  if (!box || box.dataset.state !== "running") return;
  const bar = document.getElementById("import-bar");
  const count = document.getElementById("import-count");
  const text = JSON.parse(document.getElementById("import-text").textContent);
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  async function poll() {
    try {
      const answer = await fetch(box.dataset.status, { headers: { Accept: "application/json" } });
      const status = await answer.json();
      bar.max = status.total || 1;
      bar.value = status.done;
      count.textContent = fill(text.count, status);
      if (status.state !== "running") {
        window.location.reload();
        return;
      }
    } catch (error) {
      // A missed poll is harmless; the next one catches up.
    }
    window.setTimeout(poll, 700);
  }
  poll();
}());
