// A document's sections are its `##` headings. The rendered view, the outline
// and the lint panel all address a section by the same slug.

export interface Section {
  /** Heading text without the `## ` marker and trailing #s ('' for the preamble). */
  title: string;
  /** Unique anchor slug within the document ('' for the preamble). */
  slug: string;
  /** The section's Markdown body (without its heading line). */
  body: string;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const H2 = /^\s{0,3}##(?!#)[ \t]+(.*?)[ \t]*#*[ \t]*$|^\s{0,3}##[ \t]*$/;

export function slugify(title: string): string {
  const base = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return base || 'section';
}

/** Plain text of a heading's inline Markdown (emphasis, code, links). */
export function headingText(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .trim();
}

/**
 * Splits Markdown at `##` headings outside code fences. The first entry is the
 * preamble (text before the first heading), present only when it is not blank.
 */
export function splitSections(markdown: string): Section[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const sections: Section[] = [];
  const used = new Map<string, number>();
  let current: { title: string; slug: string; lines: string[] } = { title: '', slug: '', lines: [] };
  let fence: string | null = null;
  const flush = () => {
    const body = current.lines.join('\n').replace(/^\n+|\s+$/g, '');
    if (current.slug || body) sections.push({ title: current.title, slug: current.slug, body });
  };
  for (const line of lines) {
    const f = FENCE.exec(line);
    if (f) {
      const marker = f[1];
      if (fence === null) fence = marker[0].repeat(marker.length);
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      current.lines.push(line);
      continue;
    }
    const h = fence === null ? H2.exec(line) : null;
    if (h) {
      flush();
      const title = headingText(h[1] ?? '');
      const base = slugify(title);
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      current = { title, slug: n === 1 ? base : `${base}-${n}`, lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  flush();
  return sections;
}

/** The DOM id of a section's heading. */
export function sectionAnchor(slug: string): string {
  return `section-${slug}`;
}

/** Scrolls to a section's heading and moves focus there. Returns false when absent. */
export function focusSection(slug: string): boolean {
  const el = document.getElementById(sectionAnchor(slug));
  if (!el) return false;
  if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el.focus({ preventScroll: true });
  return true;
}
