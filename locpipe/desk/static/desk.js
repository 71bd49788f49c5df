// locpipe review desk: the article view's editor. Plain JS, no dependency, no network asset.
// Every text from the server goes into the page through textContent, never as HTML.
"use strict";
(function () {
  var article = document.getElementById("article");
  if (!article) { return; }
  var CODE = /<\/?\d+\/?>|<[a-z]\d+\/>/g;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var folder = article.dataset.folder, lang = article.dataset.lang;
  var api = "/api/a/" + encodeURIComponent(folder) + "/" + encodeURIComponent(lang);
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.segment"));

  function chip(code) {
    var s = document.createElement("span");
    s.className = "chip"; s.contentEditable = "false"; s.dataset.code = code; s.textContent = code;
    return s;
  }
  function tokens(text) {  // [["text", s] | ["code", s]]
    var out = [], pos = 0, m;
    CODE.lastIndex = 0;
    while ((m = CODE.exec(text)) !== null) {
      if (m.index > pos) { out.push(["text", text.slice(pos, m.index)]); }
      out.push(["code", m[0]]); pos = m.index + m[0].length;
    }
    if (pos < text.length) { out.push(["text", text.slice(pos)]); }
    return out;
  }
  function fill(el, toks) {
    el.textContent = "";
    toks.forEach(function (t) {
      if (t[0] === "code") { el.appendChild(chip(t[1])); }
      else if (t[0] === "term") { var m = document.createElement("mark"); m.className = "term"; m.textContent = t[1]; el.appendChild(m); }
      else { el.appendChild(document.createTextNode(t[1])); }
    });
  }
  function serialise(el) {
    var s = "";
    el.childNodes.forEach(function (n) {
      if (n.nodeType === 3) { s += n.nodeValue; }
      else if (n.nodeType === 1 && n.dataset && n.dataset.code) { s += n.dataset.code; }
      else if (n.nodeType === 1 && n.tagName !== "BR") { s += serialise(n); }
    });
    return s;
  }
  function editor(row) { return row.querySelector(".editor"); }
  function current(row) {
    var text = serialise(editor(row));
    if (row.dataset.target.indexOf("\u00a0") < 0) { text = text.replace(/\u00a0/g, " "); }
    return text;
  }
  function changed(row) { return current(row) !== row.dataset.target; }
  function status(row, text, kind) {
    var s = row.querySelector(".status"); s.textContent = text; s.className = "status " + (kind || "");
  }
  function li(cls, strong, rest) {
    var el = document.createElement("li"); el.className = cls;
    var b = document.createElement("strong"); b.textContent = strong; el.appendChild(b);
    el.appendChild(document.createTextNode(rest)); return el;
  }
  function update(row, seg) {
    row.dataset.version = seg.version; row.dataset.target = seg.target;
    row.classList.toggle("reviewed", seg.reviewed);
    row.classList.remove("edited");
    row.querySelector(".reviewed-box").checked = seg.reviewed;
    row.querySelector(".reviewed-box").disabled = seg.reviewed;
    fill(editor(row), seg.target_tokens);
    var f = row.querySelector(".findings"); f.textContent = "";
    seg.findings.forEach(function (x) {
      var el = li(x.severity, x.severity + " " + x.check, ": " + x.message);
      el.dataset.check = x.check; f.appendChild(el);
    });
    var t = row.querySelector(".terms"); t.textContent = "";
    seg.terms.forEach(function (x) {
      var el = document.createElement("li"); el.className = x.found ? "ok" : "missing";
      var a = document.createElement("mark"); a.className = "term"; a.textContent = x.source;
      var b = document.createElement("mark"); b.className = "term"; b.textContent = x.target || "(kept)";
      var p = document.createElement("small"); p.textContent = " " + x.policy;
      el.appendChild(a); el.appendChild(document.createTextNode(" → ")); el.appendChild(b); el.appendChild(p);
      t.appendChild(el);
    });
    var mem = row.querySelector(".memory"); mem.textContent = "";
    if (seg.memory) {
      var sm = document.createElement("small"); sm.textContent = "memory (" + seg.memory.score + " %): ";
      var sp = document.createElement("span"); sp.className = "suggestion"; sp.textContent = seg.memory.target;
      sp.lang = lang; sp.dir = article.dataset.dir;
      mem.appendChild(sm); mem.appendChild(sp);
    }
    recount();
  }
  function recount() {
    document.getElementById("lang-done").textContent = String(document.querySelectorAll("tr.segment.reviewed").length);
    document.getElementById("lang-errors").textContent = String(document.querySelectorAll(".findings li.error").length);
  }
  function publish(state) {
    if (!state) { return; }
    var p = document.getElementById("publish"); p.className = "publish " + state.state;
    document.getElementById("publish-state").textContent = state.state;
    document.getElementById("publish-detail").textContent = state.done + "/" + state.asked +
      " segments reviewed, " + state.errors + " QA error(s) in all languages";
  }
  function refreshPreview() {
    var f = document.getElementById("preview");
    f.src = f.src.split("?")[0] + "?v=" + Date.now();
  }
  var busy = Promise.resolve();
  function save(row, reviewed) {
    var text = changed(row) ? current(row) : null;
    if (text !== null) { reviewed = true; }  // an edited translation is the editor's (as Poedit)
    if (text === null && row.classList.contains("reviewed")) { status(row, "no change", ""); return busy; }
    var body = JSON.stringify({id: row.dataset.id, version: row.dataset.version, text: text, reviewed: true});
    status(row, "saving…", "busy");
    busy = busy.then(function () {
      return fetch(api + "/save", {method: "POST", body: body, credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf}})
      .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
      .then(function (res) {
        var code = res[0], j = res[1];
        if (code === 200) {
          if (j.segment) { update(row, j.segment); }
          row.classList.remove("conflicted");
          publish(j.state); refreshPreview();
          status(row, j.segment && j.segment.findings.length ? "saved — see its QA findings" : "saved", "ok");
        } else if (code === 409) {
          var mine = text === null ? row.dataset.target : text;
          if (j.current) { update(row, j.current); }
          status(row, j.error + " Your version: " + mine, "conflict");
          row.classList.add("conflicted");
        } else {
          status(row, j.error || ("error " + code), "failed");
        }
      })
      .catch(function (e) { status(row, "not saved: " + e, "failed"); });
    });
    return busy;
  }
  function index(row) { return rows.indexOf(row); }
  function focusRow(i) {
    if (i < 0 || i >= rows.length) { return; }
    var ed = editor(rows[i]); ed.focus();
    var sel = window.getSelection(), range = document.createRange();
    range.selectNodeContents(ed); range.collapse(false); sel.removeAllRanges(); sel.addRange(range);
    rows[i].scrollIntoView({block: "nearest"});
  }
  function rowOf(el) { return el && el.closest ? el.closest("tr.segment") : null; }

  rows.forEach(function (row) {
    row.querySelector(".save").addEventListener("click", function () {
      save(row, row.querySelector(".reviewed-box").checked || changed(row));
    });
    row.querySelector(".reviewed-box").addEventListener("change", function (e) {
      if (!e.target.checked) { e.target.checked = true; return; }  // reviewed stays reviewed
      save(row, true);
    });
    var ed = editor(row);
    ed.addEventListener("paste", function (e) {  // plain text only
      e.preventDefault();
      var t = (e.clipboardData || window.clipboardData).getData("text/plain").replace(/[\r\n]+/g, " ");
      document.execCommand("insertText", false, t);
    });
    ed.addEventListener("drop", function (e) { e.preventDefault(); });
    ed.addEventListener("input", function () { row.classList.toggle("edited", changed(row)); });
  });

  document.addEventListener("keydown", function (e) {
    var row = rowOf(document.activeElement) || rows[0];
    if (!row) { return; }
    var i = index(row);
    if (e.altKey && e.key === "ArrowDown") { e.preventDefault(); focusRow(i + 1); }
    else if (e.altKey && e.key === "ArrowUp") { e.preventDefault(); focusRow(i - 1); }
    else if (e.ctrlKey && e.key === "Enter") { e.preventDefault(); save(row, true); focusRow(i + 1); }
    else if (e.ctrlKey && (e.key === "s" || e.key === "S")) { e.preventDefault(); save(row, row.querySelector(".reviewed-box").checked || changed(row)); }
    else if (e.altKey && (e.key === "r" || e.key === "R" || e.code === "KeyR")) {
      e.preventDefault(); save(row, true);
    }
    else if (e.altKey && (e.key === "m" || e.key === "M" || e.code === "KeyM")) {
      var s = row.querySelector(".suggestion");
      if (s) { e.preventDefault(); fill(editor(row), tokens(s.textContent)); row.classList.add("edited"); }
    }
    else if (e.key === "Escape" && rowOf(e.target)) {
      fill(editor(row), tokens(row.dataset.target)); row.classList.remove("edited");
    }
    else if (e.key === "Enter" && rowOf(e.target)) { e.preventDefault(); }  // one line per segment
  });
  recount();
})();
