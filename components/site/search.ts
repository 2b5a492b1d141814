/** One hit as the search dialog shows it: a page or a heading within it. */
export interface SearchHit {
  title: string;
  url: string;
  excerpt: string;
  sections: { title: string; url: string; excerpt: string }[];
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: { title: string; url: string; excerpt: string }[];
}

interface PagefindApi {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    timeoutMs?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

let pagefindPromise: Promise<PagefindApi> | null = null;

/** Loads pagefind from `<base>pagefind/` once; a failed load can be retried. */
function loadPagefind(): Promise<PagefindApi> {
  if (!pagefindPromise) {
    const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
    const bundle = `${base}pagefind/pagefind.js`;
    pagefindPromise = import(/* @vite-ignore */ bundle).then(async (module: PagefindApi) => {
      await module.options({ baseUrl: base, excerptLength: 24 });
      return module;
    });
    pagefindPromise.catch(() => {
      pagefindPromise = null;
    });
  }
  return pagefindPromise;
}

/** The first results of `query`, at most `limit`, with their headings. */
export async function searchGuide(query: string, limit = 8): Promise<SearchHit[] | null> {
  const pagefind = await loadPagefind();
  const search = await pagefind.debouncedSearch(query, {}, 150);
  if (!search) return null;
  const data = await Promise.all(search.results.slice(0, limit).map((result) => result.data()));
  return data.map((page) => ({
    title: page.meta.title ?? page.url,
    url: page.url,
    excerpt: page.excerpt,
    sections: (page.sub_results ?? []).filter((section) => section.url !== page.url).slice(0, 3),
  }));
}

/** Pagefind marks hits with <mark>; everything else in an excerpt is text. */
function excerptNodes(excerpt: string, doc: Document): Node[] {
  const nodes: Node[] = [];
  const parts = excerpt.split(/(<mark>.*?<\/mark>)/g);
  for (const part of parts) {
    const marked = /^<mark>(.*)<\/mark>$/.exec(part);
    const text = (marked ? marked[1]! : part).replace(/&(amp|lt|gt|quot|#39);/g, (entity) => {
      const map: Record<string, string> = {
        "&amp;": "&",
        "&lt;": "<",
        "&gt;": ">",
        "&quot;": '"',
        "&#39;": "'",
      };
      return map[entity] ?? entity;
    });
    if (marked) {
      const mark = doc.createElement("mark");
      mark.textContent = text;
      nodes.push(mark);
    } else if (text) {
      nodes.push(doc.createTextNode(text));
    }
  }
  return nodes;
}

function hitItem(hit: SearchHit, doc: Document): HTMLLIElement {
  const item = doc.createElement("li");
  const link = doc.createElement("a");
  link.href = hit.url;
  link.className = "search-hit-title";
  link.textContent = hit.title;
  const excerpt = doc.createElement("p");
  excerpt.append(...excerptNodes(hit.excerpt, doc));
  item.append(link, excerpt);
  if (hit.sections.length > 0) {
    const sections = doc.createElement("ul");
    for (const section of hit.sections) {
      const sectionItem = doc.createElement("li");
      const sectionLink = doc.createElement("a");
      sectionLink.href = section.url;
      sectionLink.textContent = section.title;
      const sectionExcerpt = doc.createElement("p");
      sectionExcerpt.append(...excerptNodes(section.excerpt, doc));
      sectionItem.append(sectionLink, sectionExcerpt);
      sections.append(sectionItem);
    }
    item.append(sections);
  }
  return item;
}

/** Input types where "/" is a character the reader is typing. */
const TEXT_INPUT_TYPES = new Set([
  "text",
  "search",
  "email",
  "url",
  "tel",
  "password",
  "number",
  "date",
  "datetime-local",
  "month",
  "time",
  "week",
]);

/** True where a key press is text being typed: "/" belongs to the field there. */
function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  if (element.closest(".monaco-editor")) return true;
  if (element instanceof HTMLTextAreaElement) return !element.readOnly;
  if (element instanceof HTMLInputElement) {
    return TEXT_INPUT_TYPES.has(element.type) && !element.readOnly;
  }
  return element instanceof HTMLElement && element.isContentEditable;
}

/**
 * Whether a key press is the search shortcut. "/" opens search unless the
 * reader is typing text (radios, sliders and buttons do not take "/").
 * Ctrl/Cmd+K opens it anywhere but in the code editor, where Monaco uses
 * Ctrl+K to start its chords (Ctrl+K Ctrl+C comments a line).
 */
export function shortcutOpensSearch(event: KeyboardEvent): boolean {
  const target = event.target instanceof Element ? event.target : null;
  if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey) {
    return !isTextEntry(target);
  }
  const palette = event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey);
  return palette && !target?.closest(".monaco-editor");
}

/** Opens the search dialog, focuses its input and starts loading pagefind. */
export function openSearchDialog(doc: Document): void {
  const dialog = doc.querySelector<HTMLDialogElement>("[data-search-dialog]");
  if (!dialog || dialog.open) return;
  dialog.showModal();
  doc.querySelector<HTMLInputElement>("[data-search-input]")?.focus();
  void loadPagefind().catch(() => undefined);
}

/** Connects the header button, the input and the results list. */
export function wireSearch(doc: Document): void {
  const input = doc.querySelector<HTMLInputElement>("[data-search-input]");
  const status = doc.querySelector<HTMLElement>("[data-search-status]");
  const list = doc.querySelector<HTMLOListElement>("[data-search-results]");
  const dialog = doc.querySelector<HTMLDialogElement>("[data-search-dialog]");
  if (!input || !status || !list || !dialog) return;

  doc.querySelector("[data-search-open]")?.addEventListener("click", () => openSearchDialog(doc));
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  // A search input swallows the first Escape to clear itself; close at once.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
  });

  async function showResults(): Promise<void> {
    const query = input!.value.trim();
    if (query === "") {
      list!.replaceChildren();
      status!.textContent = "";
      return;
    }
    try {
      const hits = await searchGuide(query);
      if (hits === null) return;
      list!.replaceChildren(...hits.map((hit) => hitItem(hit, doc)));
      status!.textContent =
        hits.length === 0
          ? `No results for “${query}”.`
          : `${hits.length} result${hits.length === 1 ? "" : "s"} for “${query}”.`;
    } catch {
      status!.textContent =
        "Search could not load. Check your connection, then type again to retry.";
    }
  }
  input.addEventListener("input", () => void showResults());
}
