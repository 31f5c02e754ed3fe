/* The events page: keeps the filters in the URL, fetches the JSON twins and redraws table, timeline and map.
   All text from the store goes into the page through textContent or text nodes. */
(function () {
  "use strict";
  performance.mark("ew-script");
  const boot = JSON.parse(document.getElementById("bootstrap").textContent);
  performance.mark("ew-boot");
  const form = document.getElementById("filters");
  const VIEW_KEYS = ["sort", "order", "interval", "map_by", "page", "per_page"];
  const DEFAULTS = { sort: "date", order: "desc", interval: "auto", map_by: "location", page: 1, per_page: 25 };
  const COLUMNS = [
    { key: "date", label: "Date", cls: "date" },
    { key: "type", label: "Type" },
    { key: "actor", label: "Actor" },
    { key: "recipient", label: "Recipient" },
    { key: "location", label: "Location" },
    { key: null, label: "Sentence (trigger in bold)", cls: "sentence" },
    { key: "confidence", label: "Conf.", cls: "num" },
  ];
  const MAP_FILTER = { location: "location_country", actor: "actor_country", recipient: "recipient_country" };
  const state = Object.assign({}, DEFAULTS, boot.view);
  let version = 0, inflight = null, timer = null;

  const $ = (id) => document.getElementById(id);
  function node(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  const NUM = new Intl.NumberFormat("en");
  function fmt(n) { return NUM.format(Number(n)); }

  /* The filter part of the query, from the form (empty fields left out). */
  function filterParams() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (VIEW_KEYS.includes(k) || String(v).trim() === "") continue;
      p.append(k, String(v).trim());
    }
    return p;
  }
  function withView(p, keys) {
    const q = new URLSearchParams(p);
    for (const k of keys) if (String(state[k]) !== String(DEFAULTS[k])) q.set(k, state[k]);
    return q;
  }
  function queryOf(p, extra) {
    const q = new URLSearchParams(p);
    for (const k in extra) q.set(k, extra[k]);
    const s = q.toString();
    return s ? "?" + s : "";
  }

  function actorCell(text, name, country) {
    const td = node("td");
    if (!text && !name) { td.appendChild(node("span", "muted", "—")); return td; }
    td.appendChild(document.createTextNode(name || text));
    if (country) td.appendChild(node("span", "cc", country));
    return td;
  }
  function sentenceCell(r) {
    const td = node("td", "sentence");
    const s = r.sentence || "", a = (r.trigger_start ?? -1) - (r.sentence_start ?? 0), b = (r.trigger_end ?? -1) - (r.sentence_start ?? 0);
    if (a >= 0 && b > a && b <= s.length) {
      td.append(document.createTextNode(s.slice(0, a)), node("b", null, s.slice(a, b)), document.createTextNode(s.slice(b)));
    } else {
      td.textContent = s || r.trigger_text || "";
    }
    for (const f of r.flags || []) td.appendChild(node("span", "flag", f));
    return td;
  }
  function renderTable(data) {
    const head = $("events").tHead, body = $("events").tBodies[0];
    const tr = node("tr");
    for (const c of COLUMNS) {
      const th = node("th", c.cls || "");
      if (c.key) {
        const btn = node("button", null, c.label);
        btn.type = "button";
        btn.dataset.sort = c.key;
        if (state.sort === c.key) th.classList.add("sorted", state.order);
        btn.addEventListener("click", () => {
          state.order = state.sort === c.key && state.order === "desc" ? "asc" : "desc";
          state.sort = c.key;
          state.page = 1;
          refresh({ push: true });
        });
        th.appendChild(btn);
      } else th.textContent = c.label;
      tr.appendChild(th);
    }
    head.replaceChildren(tr);
    const rows = [];
    for (const r of data.rows) {
      const row = node("tr");
      row.dataset.href = `/article/${encodeURIComponent(r.article_id)}?event=${r.idx}#focus`;
      row.dataset.type = r.type;
      const date = node("td", "date");
      const link = node("a", null, r.event_date || "no date");
      link.href = row.dataset.href;  // keyboard users reach the article through this link
      date.appendChild(link);
      row.appendChild(date);
      const type = node("td");
      const pill = node("span", "type-pill");
      pill.append(node("span", `swatch t-${String(r.type).toLowerCase()}`), document.createTextNode(r.type));
      type.appendChild(pill);
      if (r.mode) type.appendChild(node("div", "muted", r.mode));
      row.appendChild(type);
      row.appendChild(actorCell(r.actor_text, r.actor_name, r.actor_country));
      row.appendChild(actorCell(r.recipient_text, r.recipient_name, r.recipient_country));
      row.appendChild(actorCell(r.location_text, r.location_name, r.location_country));
      row.appendChild(sentenceCell(r));
      row.appendChild(node("td", "num", r.confidence == null ? "" : Number(r.confidence).toFixed(2)));
      row.addEventListener("click", (ev) => {
        if (ev.target.closest("a") || window.getSelection().toString()) return;
        window.location.href = row.dataset.href;
      });
      rows.push(row);
    }
    if (!rows.length) {
      const empty = node("tr"), td = node("td", "muted", "No events match the filters.");
      td.colSpan = COLUMNS.length;
      empty.appendChild(td);
      rows.push(empty);
    }
    body.replaceChildren(...rows);
    const pager = $("pager");
    pager.replaceChildren();
    const first = data.total ? (data.page - 1) * data.per_page + 1 : 0, last = Math.min(data.total, data.page * data.per_page);
    pager.appendChild(node("span", null, `${fmt(first)}–${fmt(last)} of ${fmt(data.total)}`));
    for (const [label, page, ok] of [["← Previous", data.page - 1, data.page > 1], ["Next →", data.page + 1, data.page < data.pages]]) {
      const b = node("button", null, label);
      b.type = "button";
      b.disabled = !ok;
      b.addEventListener("click", () => { state.page = page; refresh({ push: true, only: "events" }); });
      pager.appendChild(b);
    }
  }
  function renderSummary(events, filters) {
    $("summary").textContent = `${fmt(events.total)} events` + (events.total === boot.facets.events ? "" : ` of ${fmt(boot.facets.events)}`);
    $("csv").href = "/events.csv" + queryOf(withView(filters, ["sort", "order"]), {});
    $("json").href = "/events.json" + queryOf(withView(filters, ["sort", "order", "page", "per_page"]), {});
  }
  function banner(message) {
    let b = $("banner");
    if (!b) { b = node("div", "banner"); b.id = "banner"; document.querySelector(".summary").after(b); }
    b.textContent = message || "";
  }

  const map = new EventMap($("map"), {
    onCountry: (code) => {
      const field = form.elements[MAP_FILTER[state.map_by]];
      if (![...field.options].some((o) => o.value === code)) field.add(new Option(code, code));
      field.value = field.value === code ? "" : code;
      state.page = 1;
      refresh({ push: true });
    },
  });
  function picked() { const f = form.elements[MAP_FILTER[state.map_by]]; return f ? f.value : ""; }
  let lastTimeline = boot.timeline;
  function drawTimeline(data) {
    lastTimeline = data;
    Timeline.draw($("timeline"), data, (since, until) => {
      form.elements.since.value = since;
      form.elements.until.value = until;
      state.page = 1;
      refresh({ push: true });
    }, $("timeline-legend"));
  }
  /* Count each redraw and how long it took (ms since the change, or since navigation for the first). */
  function done(t0) {
    version += 1;
    document.body.dataset.ms = (performance.now() - t0).toFixed(1);
    document.body.dataset.version = String(version);
  }

  async function getJSON(url, signal) {
    const r = await fetch(url, { signal: signal, headers: { Accept: "application/json" } });
    const data = await r.json();
    if (!r.ok) throw new Error(data.error || `HTTP ${r.status}`);
    return data;
  }
  /* Put the state in the URL and redraw from the JSON endpoints. */
  async function refresh(opts) {
    const t0 = performance.now();
    const filters = filterParams();
    const url = "/events" + queryOf(withView(filters, VIEW_KEYS), {});
    if (opts.push && url !== location.pathname + location.search) history.pushState(null, "", url);
    if (inflight) inflight.abort();
    inflight = new AbortController();
    const signal = inflight.signal;
    try {
      const events = getJSON("/events.json" + queryOf(withView(filters, ["sort", "order", "page", "per_page"]), {}), signal);
      const parts = [events];
      if (opts.only !== "events") {
        parts.push(getJSON("/timeline.json" + queryOf(withView(filters, []), state.interval !== "auto" ? { interval: state.interval } : {}), signal));
        parts.push(getJSON("/map.json" + queryOf(filters, state.map_by !== "location" ? { by: state.map_by } : {}), signal));
      }
      const [ev, tl, mp] = await Promise.all(parts);
      banner("");
      renderTable(ev);
      renderSummary(ev, filters);
      if (tl) drawTimeline(tl);
      if (mp) await map.update(mp, picked(), $("map-legend"));
      done(t0);
    } catch (err) {
      if (err.name !== "AbortError") { banner(err.message); done(t0); }
    }
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(() => { state.page = 1; refresh({ push: true }); }, 350); }
  form.addEventListener("submit", (ev) => { ev.preventDefault(); state.page = 1; refresh({ push: true }); });
  form.addEventListener("change", (ev) => {
    if (ev.target.type === "search") return;
    state.page = 1;
    refresh({ push: true });
  });
  form.addEventListener("input", (ev) => { if (ev.target.type === "search") schedule(); });
  for (const b of form.querySelectorAll("button[data-types]")) {
    b.addEventListener("click", () => {
      for (const box of form.querySelectorAll("input[name=type]")) box.checked = b.dataset.types === "all";
      state.page = 1;
      refresh({ push: true });
    });
  }
  $("interval").addEventListener("change", (ev) => { state.interval = ev.target.value; refresh({ push: true }); });
  $("map-by").addEventListener("change", (ev) => { state.map_by = ev.target.value; refresh({ push: true }); });
  window.addEventListener("popstate", () => window.location.reload());
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => drawTimeline(lastTimeline), 150); });

  // first paint straight from the data embedded in the page: no extra request
  performance.mark("ew-start");
  const initialFilters = filterParams();
  renderTable(boot.events);
  renderSummary(boot.events, initialFilters);
  performance.mark("ew-table");
  drawTimeline(boot.timeline);
  performance.mark("ew-timeline");
  map.update(boot.map, picked(), $("map-legend")).then(() => done(0), (err) => { banner("Map: " + err.message); done(0); });
})();
