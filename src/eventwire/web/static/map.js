/* World map drawn offline: Natural Earth outlines (TopoJSON) in the Equal Earth projection, as SVG.
   Countries are filled by event count; located events are circles sized by count. */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
  const W = 960, H = 440, PAD = 6, SOUTH = -58;
  const RAMP = ["#fde7c4", "#f9c48a", "#f29b5a", "#dd6a3a", "#b83b26", "#7f1d12"];
  const EMPTY = "#dde3ea";
  const NAMELESS = { Kosovo: "XKX", "N. Cyprus": "CYP", Somaliland: "SOM" };

  function equalEarth(lon, lat) {
    const l = (lon * Math.PI) / 180, t = Math.asin(M * Math.sin((lat * Math.PI) / 180));
    const t2 = t * t, t6 = t2 * t2 * t2;
    return [(l * Math.cos(t)) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2))), t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))];
  }
  const XMAX = equalEarth(180, 0)[0], YTOP = equalEarth(0, 84)[1], YBOT = equalEarth(0, SOUTH)[1];
  const SCALE = Math.min((W - 2 * PAD) / (2 * XMAX), (H - 2 * PAD) / (YTOP - YBOT));
  function project(lon, lat) {
    const p = equalEarth(lon, Math.max(lat, SOUTH - 2));
    return [W / 2 + p[0] * SCALE, PAD + (YTOP - p[1]) * SCALE];
  }
  function el(name, attrs) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function ringPath(ring) {
    return ring.map((c, i) => { const p = project(c[0], c[1]); return (i ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1); }).join("") + "Z";
  }
  function geometryPath(g) {
    if (!g) return "";
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.map((poly) => poly.map(ringPath).join("")).join("");
  }
  function sphere() {
    const pts = [];
    for (let lat = SOUTH; lat <= 90; lat += 2) pts.push([-180, lat]);
    for (let lat = 90; lat >= SOUTH; lat -= 2) pts.push([180, lat]);
    return ringPath(pts);
  }
  const NUM = new Intl.NumberFormat("en");
  function fmt(n) { return NUM.format(n); }

  function EventMap(container, options) {
    this.container = container;
    this.onCountry = options.onCountry || function () {};
    this.ready = Promise.all([
      fetch("/static/countries-110m.json?v=1").then((r) => r.json()),
      fetch("/static/iso3166-numeric.json?v=1").then((r) => r.json()),
    ]).then(([topo, iso]) => this.build(topo, iso));
  }
  EventMap.prototype.build = function (topo, iso) {
    performance.mark("ew-map-data");
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", preserveAspectRatio: "xMidYMid meet" });
    svg.appendChild(el("path", { class: "sphere", d: sphere() }));
    this.countryLayer = el("g", { class: "countries" });
    this.pointLayer = el("g", { class: "points" });
    svg.append(this.countryLayer, this.pointLayer);
    this.paths = {};
    const features = topojson.feature(topo, topo.objects.countries).features;
    for (const f of features) {
      const name = (f.properties && f.properties.name) || "";
      if (name === "Antarctica") continue;
      const code = iso[f.id] || NAMELESS[name] || null;
      const path = el("path", { class: "country", d: geometryPath(f.geometry), fill: EMPTY });
      const title = el("title", {});
      title.textContent = name;
      path.appendChild(title);
      path.dataset.code = code || "";
      path.dataset.name = name;
      if (code) {
        path.addEventListener("click", () => this.onCountry(code, name));
        (this.paths[code] = this.paths[code] || []).push(path);
      }
      this.countryLayer.appendChild(path);
    }
    this.container.replaceChildren(svg);
    performance.mark("ew-map-built");
  };
  EventMap.prototype.update = function (data, picked, legend) {
    return this.ready.then(() => {
      const counts = {};
      let max = 0;
      for (const c of data.countries) { counts[c.country] = c.n; max = Math.max(max, c.n); }
      const bin = (n) => Math.min(RAMP.length - 1, Math.floor(Math.sqrt(n / max) * RAMP.length));
      for (const code in this.paths) {
        for (const path of this.paths[code]) {
          const n = counts[code] || 0;
          path.setAttribute("fill", n ? RAMP[bin(n)] : EMPTY);
          path.classList.toggle("picked", code === picked);
          path.firstChild.textContent = `${path.dataset.name} (${code}): ${fmt(n)} events by ${data.by} country`;
        }
      }
      this.pointLayer.replaceChildren();
      const pmax = data.points.reduce((m, p) => Math.max(m, p.n), 1);
      const points = data.points.slice().sort((a, b) => b.n - a.n);
      for (const p of points) {
        const xy = project(p.lon, p.lat);
        const c = el("circle", { class: "point", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (2 + 9 * Math.sqrt(p.n / pmax)).toFixed(1) });
        const t = el("title", {});
        t.textContent = `${p.name || "?"}${p.country ? " (" + p.country + ")" : ""}: ${fmt(p.n)} events at ${p.lat}, ${p.lon}`;
        c.appendChild(t);
        this.pointLayer.appendChild(c);
      }
      this.container.dataset.countries = String(data.countries.length);
      this.container.dataset.points = String(data.points.length);
      if (legend) {
        legend.replaceChildren();
        const ramp = document.createElement("span");
        ramp.className = "item";
        const label = document.createElement("span");
        label.textContent = `Events by ${data.by} country (square-root scale): 1`;
        const bar = document.createElement("span");
        bar.className = "ramp";
        for (const colour of RAMP) { const i = document.createElement("i"); i.style.background = colour; bar.appendChild(i); }
        const top = document.createElement("span");
        top.textContent = fmt(max);
        ramp.append(label, bar, top);
        const pts = document.createElement("span");
        pts.className = "item";
        pts.textContent = `● ${fmt(data.points.length)} places, ${fmt(data.located)} located events (click a country to filter)`;
        legend.append(ramp, pts);
      }
    });
  };
  window.EventMap = EventMap;
})();
