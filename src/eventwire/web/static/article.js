/* The article view: legend checkboxes switch highlight kinds on and off; hovering an event marks its spans. */
(function () {
  "use strict";
  const marks = Array.from(document.querySelectorAll("#text mark.hl"));
  const boxes = Array.from(document.querySelectorAll("#legend input[data-kind]"));
  function apply() {
    const on = new Set(boxes.filter((b) => b.checked).map((b) => b.dataset.kind));
    for (const m of marks) {
      const focus = m.classList.contains("focus"), hover = m.classList.contains("hover");
      const kinds = m.dataset.k.split(" ").filter((k) => k === "sentence" || on.has(k));
      m.className = ["hl"].concat(kinds.map((k) => "k-" + k), focus ? ["focus"] : [], hover ? ["hover"] : []).join(" ");
    }
  }
  for (const b of boxes) b.addEventListener("change", apply);
  for (const li of document.querySelectorAll(".event-list li[data-ev]")) {
    const ev = li.dataset.ev;
    const mine = marks.filter((m) => m.dataset.ev.split(" ").includes(ev));
    li.addEventListener("mouseenter", () => { li.classList.add("on"); for (const m of mine) m.classList.add("focus"); });
    li.addEventListener("mouseleave", () => {
      li.classList.remove("on");
      const keep = new URLSearchParams(location.search).get("event");
      for (const m of mine) if (ev !== keep) m.classList.remove("focus");
    });
  }
  const back = document.getElementById("back");
  if (back && document.referrer) {
    const ref = new URL(document.referrer);
    if (ref.origin === location.origin && ref.pathname === "/events") back.href = ref.pathname + ref.search;
  }
  document.body.dataset.ready = "1";
})();
