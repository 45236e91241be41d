// Poll the import's progress; reload the page when its state changes (started, ended).
(function () {
  "use strict";
  const box = document.getElementById("progress");
  const waiting = (state) => state === "queued" || state === "running";
  if (!box || !waiting(box.dataset.state)) return;
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
      if (status.state !== box.dataset.state) {
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
