/* Timeline: stacked bars of event counts per day, week or month and PLOVER type, drawn as SVG. */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const ORDER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

  // one formatter each: Number.prototype.toLocale... builds a new one per call, slow over thousands of bars
  const NUM = new Intl.NumberFormat("en");
  const MON = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" });
  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function step(d, interval) {
    const n = new Date(d.getTime());
    if (interval === "day") n.setUTCDate(n.getUTCDate() + 1);
    else if (interval === "week") n.setUTCDate(n.getUTCDate() + 7);
    else if (interval === "month") n.setUTCMonth(n.getUTCMonth() + 1);
    else n.setUTCFullYear(n.getUTCFullYear() + 1);
    return n;
  }
  /* Every bucket from the first to the last, so that empty periods show as gaps. */
  function allBuckets(data) {
    if (!data.buckets.length) return [];
    const out = [];
    let d = new Date(data.buckets[0] + "T00:00:00Z");
    const last = new Date(data.buckets[data.buckets.length - 1] + "T00:00:00Z");
    while (d <= last && out.length < 5000) { out.push(iso(d)); d = step(d, data.interval); }
    return out;
  }
  function niceMax(v) {
    if (v <= 5) return 5;
    const p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function label(bucket, interval) {
    const d = new Date(bucket + "T00:00:00Z");
    const mon = MON.format(d);
    if (interval === "year") return String(d.getUTCFullYear());
    return interval === "month" ? `${mon} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${mon} ${d.getUTCFullYear()}`;
  }

  /* Draw ``data`` (the /timeline.json answer) into ``container``; ``onPick(since, until)`` on bar click. */
  function draw(container, data, onPick, legend) {
    const width = Math.max(320, container.clientWidth || 600), height = container.clientHeight || 210;
    const m = { l: 40, r: 8, t: 8, b: 24 };
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
    const buckets = allBuckets(data);
    const index = {};
    data.buckets.forEach((b, i) => { index[b] = i; });
    const types = ORDER.filter((t) => data.series[t]);
    let top = 0;
    const totals = buckets.map((b) => {
      const i = index[b];
      const s = i === undefined ? 0 : types.reduce((acc, t) => acc + data.series[t][i], 0);
      top = Math.max(top, s);
      return s;
    });
    container.dataset.buckets = String(buckets.length);
    container.dataset.total = String(totals.reduce((a, b) => a + b, 0));
    if (!buckets.length) {
      svg.appendChild(el("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, "No dated events match the filters"));
      container.replaceChildren(svg);
      if (legend) legend.replaceChildren();
      return;
    }
    const ymax = niceMax(top), iw = width - m.l - m.r, ih = height - m.t - m.b;
    const bw = iw / buckets.length, gap = bw > 4 ? Math.min(2, bw * 0.15) : 0;
    const y = (v) => m.t + ih - (v / ymax) * ih;
    const grid = el("g", { class: "grid" }), axis = el("g", { class: "axis" });
    for (let k = 0; k <= 4; k++) {
      const v = (ymax * k) / 4, yy = y(v).toFixed(1);
      grid.appendChild(el("line", { x1: m.l, x2: width - m.r, y1: yy, y2: yy }));
      axis.appendChild(el("text", { x: m.l - 5, y: Number(yy) + 3, "text-anchor": "end" }, NUM.format(Math.round(v))));
    }
    axis.appendChild(el("line", { x1: m.l, x2: width - m.r, y1: m.t + ih, y2: m.t + ih }));
    const ticks = Math.max(1, Math.round(buckets.length / Math.max(2, Math.floor(iw / 110))));
    buckets.forEach((b, i) => {
      if (i % ticks) return;
      const x = m.l + i * bw;
      axis.appendChild(el("line", { x1: x, x2: x, y1: m.t + ih, y2: m.t + ih + 4 }));
      axis.appendChild(el("text", { x: x, y: height - 6, "text-anchor": i === 0 ? "start" : x > width - m.r - 50 ? "end" : "middle" }, label(b, data.interval)));
    });
    svg.append(grid, axis);
    // one path per type (fast to draw), then one transparent hit box per bucket with the stack as tooltip
    const bars = el("g", { class: "bars" });
    const shapes = {};
    for (const t of types) shapes[t] = [];
    const hits = el("g", { class: "hits" });
    buckets.forEach((b, i) => {
      const k = index[b];
      if (k === undefined) return;
      let acc = 0;
      const lines = [`${label(b, data.interval)}: ${NUM.format(totals[i])} events (click to filter)`];
      const x = m.l + i * bw + gap / 2, w = Math.max(0.5, bw - gap);
      for (const t of types) {
        const n = data.series[t][k];
        if (!n) continue;
        const top = y(acc + n), h = Math.max(0.5, y(acc) - top);
        shapes[t].push(`M${x.toFixed(2)} ${top.toFixed(2)}h${w.toFixed(2)}v${h.toFixed(2)}h${(-w).toFixed(2)}Z`);
        lines.push(`${t}: ${NUM.format(n)}`);
        acc += n;
      }
      const hit = el("rect", { class: "hit", x: x.toFixed(2), width: w.toFixed(2), y: m.t, height: ih, "data-bucket": b });
      hit.appendChild(el("title", {}, lines.join("\n")));
      hits.appendChild(hit);
    });
    for (const t of types) bars.appendChild(el("path", { class: `bar t-${t.toLowerCase()}`, d: shapes[t].join("") }));
    hits.addEventListener("click", (ev) => {
      const b = ev.target.dataset.bucket;
      if (!b) return;
      onPick(b, iso(new Date(step(new Date(b + "T00:00:00Z"), data.interval).getTime() - 86400000)));
    });
    svg.appendChild(bars);
    svg.appendChild(hits);
    container.replaceChildren(svg);
    if (legend) {
      legend.replaceChildren();
      for (const t of types) {
        const item = document.createElement("span");
        item.className = "item";
        const sw = document.createElement("span");
        sw.className = `swatch t-${t.toLowerCase()}`;
        item.append(sw, document.createTextNode(t.charAt(0) + t.slice(1).toLowerCase()));
        legend.appendChild(item);
      }
      const note = document.createElement("span");
      note.className = "item";
      note.textContent = `per ${data.interval}` + (data.undated ? ` · ${NUM.format(data.undated)} undated` : "");
      legend.appendChild(note);
    }
  }
  window.Timeline = { draw: draw };
})();
