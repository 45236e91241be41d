/* Upload page: a queue of files, each sent on its own with a progress bar and its result.
   Without this script the form still posts every file at once and the server lists results. */
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  document.documentElement.classList.add("js");

  const text = JSON.parse(document.getElementById("upload-text").textContent);
  const input = document.getElementById("files");
  const zone = document.getElementById("dropzone");
  const queue = document.getElementById("queue");
  const summary = document.getElementById("summary");
  const errorBox = document.getElementById("upload-js-error");
  const button = document.getElementById("upload-submit");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const limit = parseInt(form.dataset.limit, 10);
  const FIELDS = ["doc_type", "number", "issued_date", "issuer", "subject", "confidentiality", "dossier_id"];
  let pending = [];

  input.required = false;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  }

  function humanSize(bytes) {
    const units = ["B", "KB", "MB", "GB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
    const shown = unit === 0 ? String(value) : value.toFixed(1).replace(".", document.documentElement.lang === "vi" ? "," : ".");
    return shown + " " + units[unit];
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function setStatus(item, state, message, link, linkText) {
    item.row.className = "qi qi-" + state;
    item.status.textContent = message;
    if (link) {
      item.status.append(" — ");
      const anchor = element("a", "", linkText);
      anchor.href = link;
      item.status.append(anchor);
    }
  }

  function addFiles(files) {
    hideError();
    summary.hidden = true;
    Array.from(files).forEach((file) => {
      const item = { file: file, row: element("li", "qi qi-waiting") };
      item.row.append(element("span", "qi-name", file.name), element("span", "qi-size", humanSize(file.size)));
      item.progress = element("progress");
      item.progress.max = 100;
      item.progress.value = 0;
      item.status = element("span", "qi-status", text.waiting);
      item.row.append(item.progress, item.status);
      const remove = element("button", "btn btn-small", text.remove);
      remove.type = "button";
      remove.addEventListener("click", () => {
        pending = pending.filter((other) => other !== item);
        item.row.remove();
      });
      item.status.append(" ", remove);
      item.remove = remove;
      queue.append(item.row);
      pending.push(item);
    });
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    errorBox.scrollIntoView({ block: "nearest" });
  }

  function hideError() {
    errorBox.hidden = true;
  }

  function send(item) {
    return new Promise((resolve) => {
      item.remove.remove();
      if (item.file.size > limit) {
        item.progress.remove();
        setStatus(item, "rejected", text.rejected + ": " + text.too_large);
        resolve("rejected");
        return;
      }
      const data = new FormData();
      data.append("file", item.file, item.file.name);
      FIELDS.forEach((name) => data.append(name, form.elements[name].value));
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.dataset.endpoint);
      xhr.setRequestHeader("X-CSRFToken", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        const pct = Math.round((100 * event.loaded) / event.total);
        item.progress.value = pct;
        setStatus(item, "sending", fill(text.sending, { pct: pct }));
      });
      xhr.upload.addEventListener("load", () => setStatus(item, "sending", text.processing));
      xhr.addEventListener("load", () => resolve(answer(item, xhr)));
      xhr.addEventListener("error", () => {
        setStatus(item, "failed", text.failed);
        resolve("failed");
      });
      xhr.send(data);
    });
  }

  function answer(item, xhr) {
    let body = {};
    try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
    item.progress.value = 100;
    item.progress.remove();
    if (body.status === "created") {
      setStatus(item, "created", text.created, body.url, text.open);
      if (body.ocr_note) {
        const note = document.createElement("span");
        note.className = "ocr-note";
        note.textContent = body.ocr_note;
        item.status.appendChild(note);
      }
      (body.award_notes || []).forEach(function (flag) {
        const note = document.createElement("a");
        note.className = "ocr-note award-flag";
        note.href = flag.url;
        note.textContent = flag.message;
        item.status.appendChild(note);
      });
      if (body.same_number && body.same_number.length) {
        const warn = element("span", "same-number-note", text.same_number + " ");
        body.same_number.forEach(function (other, i) {
          if (i) warn.append(", ");
          const anchor = element("a", "", (other.number || "") + " (" + other.id + ")");
          anchor.href = other.url;
          warn.append(anchor);
        });
        item.status.appendChild(warn);
      }
    }
    else if (body.status === "duplicate") setStatus(item, "duplicate", text.duplicate, body.url, text.open_existing);
    else if (body.status === "rejected") setStatus(item, "rejected", text.rejected + ": " + body.message);
    else {
      const message = (body.error && body.error.message) || text.failed;
      setStatus(item, "failed", message);
      // A problem with the batch's details (a bad date) would repeat for every file: stop.
      if (xhr.status === 400) showError(message);
      return xhr.status === 400 ? "stop" : "failed";
    }
    return body.status;
  }

  async function run() {
    const counts = { created: 0, duplicate: 0, rejected: 0, failed: 0 };
    button.disabled = true;
    const batch = pending;
    pending = [];
    for (const item of batch) {
      const outcome = await send(item);
      if (outcome === "stop") {
        // Put this file and the rest back in the queue, to send again once the details are fixed.
        const rest = batch.slice(batch.indexOf(item));
        const message = errorBox.textContent;
        rest.forEach((other) => other.row.remove());
        addFiles(rest.map((other) => other.file));
        showError(message);
        button.disabled = false;
        return;
      }
      counts[outcome] = (counts[outcome] || 0) + 1;
    }
    button.disabled = false;
    summary.textContent = fill(text.summary, { created: counts.created, duplicate: counts.duplicate, rejected: counts.rejected + counts.failed });
    summary.hidden = false;
  }

  input.addEventListener("change", () => {
    addFiles(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
    event.preventDefault();
    zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    hideError();
    if (!pending.length) {
      showError(text.no_files);
      return;
    }
    run();
  });
}());
