// The search page of a briefkit site built with `search: pagefind`.
//
// Pagefind's JS API, not its prebuilt UI: results show exactly title, date and
// summary, and filters are plain <select>s.  Nothing is fetched until a reader
// starts searching; the filter lists (tens of KB on a big site) load only when
// the reader opens "Filter".  Search runs on the main thread (noWorker): a
// worker would cost another script download for no gain on queries this small.
// Text from the index is inserted as text, never as HTML.

const root = document.querySelector("[data-bk-search]");
const PAGE_SIZE = 10;

if (root) {
  const form = root.querySelector("form");
  const input = root.querySelector("input[type=search]");
  const selects = [...root.querySelectorAll("select[data-filter]")];
  const filterBox = root.querySelector("details.bk-search__filters");
  const status = root.querySelector(".bk-search__status");
  const list = root.querySelector(".bk-search__results");
  const more = root.querySelector(".bk-search__more");
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  const siteRoot = new URL("../", bundle);
  // Dates as the brief pages print them ("4 March 2025"), whatever the browser's locale.
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const longDate = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
  };

  let engine = null;
  let filterLists = null;
  let current = [];
  let shown = 0;
  let generation = 0;

  async function load() {
    if (!engine) {
      engine = (async () => {
        const pagefind = await import(new URL("pagefind.js", bundle).href);
        await pagefind.options({ excerptLength: 24, noWorker: true });
        await pagefind.init();
        return pagefind;
      })();
      engine.catch((err) => {
        engine = null;
        say(`Search is unavailable: ${err && err.message ? err.message : err}`);
      });
    }
    return engine;
  }

  async function loadFilters() {
    if (!filterLists) {
      filterLists = load().then(async (pagefind) => {
        if (pagefind) fillFilters(await pagefind.filters());
      });
    }
    return filterLists;
  }

  function fillFilters(available) {
    const wanted = new URLSearchParams(location.search);
    for (const select of selects) {
      const name = select.dataset.filter;
      const counts = (available && available[name]) || {};
      const values = Object.keys(counts);
      values.sort(name === "year" ? (a, b) => b.localeCompare(a) : (a, b) => a.localeCompare(b));
      for (const value of values) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value} (${counts[value]})`;
        select.append(option);
      }
      if (wanted.get(name) && values.includes(wanted.get(name))) select.value = wanted.get(name);
      select.disabled = values.length === 0;
    }
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
    return filters;
  }

  function say(text) {
    status.textContent = text;
  }

  function remember(query, filters) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [k, v] of Object.entries(filters)) params.set(k, v);
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  async function run() {
    const query = input.value.trim();
    const filters = chosenFilters();
    const mine = ++generation;
    remember(query, filters);
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      more.hidden = true;
      say("");
      return;
    }
    say("Searching…");
    const pagefind = await load();
    if (!pagefind) return;
    const search = await pagefind.search(query || null, { filters });
    if (mine !== generation) return; // a newer query has started
    current = search.results;
    shown = 0;
    list.replaceChildren();
    const n = current.length;
    say(n === 0 ? "No briefings found." : `${n} briefing${n === 1 ? "" : "s"} found.`);
    await showMore(mine);
  }

  async function showMore(mine) {
    const batch = current.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== generation) return;
    for (const item of data) list.append(render(item));
    shown += batch.length;
    more.hidden = shown >= current.length;
  }

  function render(item) {
    const meta = item.meta || {};
    const li = document.createElement("li");
    li.className = "bk-result";
    const title = document.createElement("a");
    title.className = "bk-result__title";
    title.href = new URL(item.url.replace(/^\//, ""), siteRoot).href;
    title.textContent = meta.title || item.url;
    li.append(title);
    // Where and when, as on a brief page: "Energy / Gas markets · 24 November 2026".
    const section = item.filters && item.filters.section && item.filters.section[0];
    if (section || meta.date) {
      const line = document.createElement("p");
      line.className = "bk-result__meta";
      if (section) {
        const s = document.createElement("span");
        s.className = "bk-result__section";
        s.textContent = section;
        line.append(s);
      }
      if (section && meta.date) line.append(" · ");
      if (meta.date) {
        const time = document.createElement("time");
        time.className = "bk-result__date";
        time.dateTime = meta.date;
        time.textContent = longDate(meta.date);
        line.append(time);
      }
      li.append(line);
    }
    if (meta.summary) {
      const p = document.createElement("p");
      p.className = "bk-result__summary";
      p.textContent = meta.summary;
      li.append(p);
    }
    const snippet = pickExcerpt(item, meta);
    if (snippet) li.append(excerpt(snippet));
    return li;
  }

  // The page's excerpt starts at the headline, so for the best hit it often only repeats the title
  // and summary shown above it: then show the first section excerpt that adds something.
  function pickExcerpt(item, meta) {
    const letters = (s) => s.replace(/<[^>]*>/g, "").replace(/&[a-z#0-9]+;/gi, "").replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();
    const shown = letters(`${meta.title || ""} ${meta.summary || ""}`);
    const candidates = [item.excerpt, ...(item.sub_results || []).map((s) => s.excerpt)].filter(Boolean);
    return candidates.find((c) => !shown.includes(letters(c))) || candidates[0] || "";
  }

  // Pagefind's excerpt is escaped text with <mark> around matches: rebuild it from text nodes.
  function excerpt(html) {
    const p = document.createElement("p");
    p.className = "bk-result__excerpt";
    // A <textarea> decodes entities and keeps every space; DOMParser dropped the leading ones ("gas<mark>storage").
    const box = document.createElement("textarea");
    const decode = (s) => {
      box.innerHTML = s;
      return box.value;
    };
    html.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
      const m = part.match(/^<mark>(.*)<\/mark>$/);
      if (m) {
        const mark = document.createElement("mark");
        mark.textContent = decode(m[1]);
        p.append(mark);
      } else if (part) {
        p.append(decode(part));
      }
    });
    return p;
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  input.addEventListener("focus", load, { once: true });
  filterBox.addEventListener("toggle", () => filterBox.open && loadFilters());
  for (const select of selects) select.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", () => showMore(generation));

  const start = new URLSearchParams(location.search);
  if (start.get("q")) input.value = start.get("q");
  if (selects.some((s) => start.get(s.dataset.filter))) {
    filterBox.open = true; // its toggle event loads the lists, which restore the chosen values
    loadFilters().then(run);
  } else if (start.get("q")) {
    load().then(run);
  }
}
