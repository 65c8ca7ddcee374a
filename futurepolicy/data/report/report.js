"use strict";
(() => {
const root = document.documentElement;
addEventListener("error", e => { root.dataset.jsError = String(e.message); });
const $$ = (sel, el) => Array.from((el || document).querySelectorAll(sel));
const lower = s => (s || "").toLowerCase();
const hide = (el, flag) => el.toggleAttribute("hidden", !!flag);  // SVG elements have no .hidden

// -- evidence: #e<plan>:<start>-<end> (code-point offsets into the plan's text) ----------------------
const cpLen = s => s.length - (s.match(/[\udc00-\udfff]/g) || []).length;
function unitOffset(s, k) {
  if (s.length === cpLen(s)) return k;
  let i = 0;
  while (k-- > 0) i += s.codePointAt(i) > 0xffff ? 2 : 1;
  return i;
}
function position(box, k) {
  const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let node, last = null;
  while ((node = walk.nextNode())) {
    const n = cpLen(node.data);
    if (k < n) return [node, unitOffset(node.data, k)];
    k -= n; last = node;
  }
  return last && k === 0 ? [last, last.data.length] : null;
}
function show(ref) {
  const m = /^e(\d+):(\d+)-(\d+)$/.exec(ref || "");
  if (!m) return false;
  const plan = document.getElementById("doc" + m[1]), box = document.getElementById("text" + m[1]);
  if (!plan || !box) return false;
  hide(plan, false); plan.open = true;
  const a = position(box, +m[2]), b = position(box, +m[3]);
  if (!a || !b) return false;
  const range = document.createRange();
  range.setStart(a[0], a[1]); range.setEnd(b[0], b[1]);
  if (window.CSS && CSS.highlights && window.Highlight) CSS.highlights.set("fp-hit", new Highlight(range));
  else { const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range); }
  $$(".fp-hit").forEach(x => x.classList.remove("fp-hit"));
  const el = a[0].parentElement;  // a highlighted name or figure gets a frame too
  if (el !== box && !el.classList.contains("fp-measure")) el.classList.add("fp-hit");
  plan.scrollIntoView({block: "start"});
  box.scrollTop += range.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
  root.dataset.evidence = ref;
  root.dataset.evidenceText = range.toString();
  return true;
}
document.addEventListener("click", e => {
  const link = e.target.closest && e.target.closest("a.ev");
  if (!link) return;
  const refs = [link.getAttribute("href").slice(1)];
  const more = link.getAttribute("data-more");
  if (more) more.split(" ").forEach(s => refs.push(refs[0].split(":")[0] + ":" + s));
  const n = root.dataset.evidence && link.dataset.n && refs[+link.dataset.n] === root.dataset.evidence
    ? (+link.dataset.n + 1) % refs.length : 0;  // a second click on one link: its next mention
  link.dataset.n = n;
  if (!show(refs[n])) return;
  e.preventDefault();
  try { history.replaceState(null, "", "#" + refs[n]); } catch (err) { /* a sandboxed page */ }
});
addEventListener("hashchange", () => show(location.hash.slice(1)) || openPlan(location.hash.slice(1)));
function openPlan(id) { const d = /^doc\d+$/.test(id) && document.getElementById(id); if (d) d.open = true; }

// -- sortable tables ---------------------------------------------------------------------------------
$$("table.sortable thead th").forEach(th => th.addEventListener("click", () => {
  const col = th.cellIndex, body = th.closest("table").tBodies[0], rows = Array.from(body.rows);
  const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
  const key = r => { const c = r.cells[col]; return c ? (c.dataset.v !== undefined ? c.dataset.v : c.textContent) : ""; };
  const num = rows.every(r => key(r) === "" || !isNaN(+key(r)));
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    if (x === "" || y === "") return (x === "") - (y === "");  // blanks last either way
    return dir * (num ? x - y : x.localeCompare(y, "zh"));
  });
  $$("th", th.parentElement).forEach(h => h.removeAttribute("aria-sort"));
  th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
  rows.forEach(r => body.appendChild(r));
}));

// -- filter: terms naming plans narrow the plans, other terms narrow the rows ------------------------
const plans = [];
$$("#t-plans tbody tr").forEach(tr => { plans[+tr.dataset.p] = lower(tr.dataset.k); });
const matrices = $$("table.matrix").map(t => ({
  cols: Array.from(t.tHead.rows[0].cells).map(th => th.dataset.p === undefined ? -1 : +th.dataset.p),
  rows: Array.from(t.tBodies[0].rows),
}));
const rowKey = el => lower(el.dataset.k || (el.cells ? el.cells[0].textContent : ""));
function apply(query) {
  const terms = lower(query).split(/\s+/).filter(Boolean);
  const planTerms = terms.filter(t => plans.some(k => k.includes(t)));
  const rowTerms = terms.filter(t => !planTerms.includes(t));
  const rowOk = el => !rowTerms.length || rowTerms.some(t => rowKey(el).includes(t));
  let shown = plans.map(k => !planTerms.length || planTerms.some(t => k.includes(t)));
  if (rowTerms.length) {  // only plans with a value in a matching row
    const has = new Set();
    matrices.forEach(m => m.rows.forEach(tr => {
      if (tr.cells.length > 1 && rowOk(tr)) m.cols.forEach((p, j) => { if (p >= 0 && tr.cells[j] && tr.cells[j].textContent) has.add(p); });
    }));
    shown = shown.map((s, p) => s && has.has(p));
  }
  $$("[data-p]").forEach(el => hide(el, !shown[+el.dataset.p]));
  let nRows = 0;
  matrices.forEach(m => {
    let group = null, groupShown = false;
    const close = () => { if (group) hide(group, !groupShown); };
    m.rows.forEach(tr => {
      if (tr.classList.contains("grp")) { close(); group = tr; groupShown = false; return; }
      m.cols.forEach((p, j) => { if (p >= 0 && tr.cells[j]) hide(tr.cells[j], !shown[p]); });
      const value = m.cols.some((p, j) => p >= 0 && shown[p] && tr.cells[j] && tr.cells[j].textContent);
      const sum = tr.classList.contains("sum");
      hide(tr, !(value && (sum || rowOk(tr))));
      if (!tr.hidden && !sum) { groupShown = true; nRows++; }
    });
    close();
  });
  $$("svg.chart").forEach(svg => {
    let y = +svg.dataset.top;
    const step = +svg.dataset.step;
    const fits = rowOk(svg.parentElement);
    $$("g.bar", svg).forEach(g => {
      hide(g, !fits || !shown[+g.dataset.p]);
      if (!g.hasAttribute("hidden")) { g.setAttribute("transform", "translate(0," + y + ")"); y += step; }
    });
    svg.setAttribute("height", y + 4);
    hide(svg.parentElement, y === +svg.dataset.top);
  });
  const n = shown.filter(Boolean).length;
  document.getElementById("fp-status").textContent = terms.length
    ? n + " of " + plans.length + " plans" + (rowTerms.length ? ", " + nRows + " matching rows" : "")
    : plans.length + " plans";
  root.dataset.shown = shown.map((s, p) => s ? p : -1).filter(p => p >= 0).join(" ");
}
const box = document.getElementById("fp-q");
let timer = 0;
box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => apply(box.value), 120); });
const params = new URLSearchParams(location.search);
const fromHash = /^#q=/.test(location.hash) ? decodeURIComponent(location.hash.slice(3)) : null;
box.value = params.get("q") || fromHash || "";
apply(box.value);
if (location.hash && !fromHash) show(location.hash.slice(1)) || openPlan(location.hash.slice(1));
root.dataset.ready = "1";
})();
