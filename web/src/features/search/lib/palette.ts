// The command palette's logic, apart from React: which entries a query
// shows, in which order, where each leads, and how the keys move through them.
import { countChars, limits } from '@/lib/limits';
import type { SearchResult } from '../api/search-api';

export interface Segment {
  text: string;
  match: boolean;
}

/** A page the palette jumps to by name (the app layer lists them). */
export interface PaletteTarget {
  label: string;
  to: string;
  /** Other words that find it ("members", "people"). */
  keywords?: string[];
}

export interface PaletteProject {
  id: string;
  name: string;
  key: string;
}

export type EntryKind = 'page' | 'project' | 'document' | 'story';

export interface PaletteEntry {
  /** Unique among the entries, usable in an element id. */
  id: string;
  kind: EntryKind;
  group: 'Go to' | 'Documents and stories';
  label: string;
  /** The label with its matching words marked (search results). */
  labelSegments?: Segment[];
  /** A short line under the label: project, key, status. */
  detail?: string;
  snippet?: Segment[];
  to: string;
}

const maxPages = 4;
const maxProjects = 5;

/** Lower case without Latin diacritics, as the server's search compares. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The text to send to the search route: trimmed, or null when the route
 * would refuse it: no letter or digit, or over its limit (longer text is
 * never cut; the palette says it is too long instead).
 */
export function searchableQuery(query: string): string | null {
  const trimmed = query.trim();
  if (countChars(trimmed) > limits.searchQuery) return null;
  return /[\p{L}\p{N}]/u.test(trimmed) ? trimmed : null;
}

/** Whether `name` (or one of its keywords) is what `query` names: every word of the query starts a word of it. */
export function matchesName(query: string, name: string, keywords: string[] = []): boolean {
  const wanted = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (wanted.length === 0) return false;
  const words = [name, ...keywords].flatMap((t) => fold(t).split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  return wanted.every((w) => words.some((word) => word.startsWith(w)));
}

/** Where a search result opens: a document's page, or the backlog filtered to a story's key. */
export function resultPath(result: SearchResult): string {
  if (result.kind === 'document') return `/documents/${encodeURIComponent(result.id)}`;
  const filter = result.key ?? result.title;
  return `/projects/${encodeURIComponent(result.project.id)}/backlog?q=${encodeURIComponent(filter)}`;
}

function resultEntry(result: SearchResult): PaletteEntry {
  const kind: EntryKind = result.kind === 'document' ? 'document' : 'story';
  const what = kind === 'document' ? 'Document' : `Story ${result.key ?? ''}`.trim();
  return {
    id: `${kind}-${result.id}`,
    kind,
    group: 'Documents and stories',
    label: result.title,
    labelSegments: result.title_highlight,
    detail: `${what} · ${result.project.name} (${result.project.key})`,
    snippet: result.snippet.length > 0 ? result.snippet : undefined,
    to: resultPath(result),
  };
}

/**
 * What the palette lists for `query`: pages and projects whose name it
 * names (a few of each), then the search results in the server's order.
 * With no query: the pages, to show what the palette can do.
 */
export function paletteEntries(
  query: string,
  sources: { pages: PaletteTarget[]; projects: PaletteProject[]; results: SearchResult[] },
): PaletteEntry[] {
  const q = query.trim();
  const pages = q ? sources.pages.filter((p) => matchesName(q, p.label, p.keywords)).slice(0, maxPages) : sources.pages;
  const projects = q
    ? sources.projects.filter((p) => matchesName(q, p.name, [p.key])).slice(0, maxProjects)
    : [];
  return [
    ...pages.map<PaletteEntry>((p) => ({ id: `page-${p.to}`, kind: 'page', group: 'Go to', label: p.label, to: p.to })),
    ...projects.map<PaletteEntry>((p) => ({
      id: `project-${p.id}`,
      kind: 'project',
      group: 'Go to',
      label: p.name,
      detail: `Project ${p.key}`,
      to: `/projects/${encodeURIComponent(p.id)}`,
    })),
    ...(q ? sources.results.map(resultEntry) : []),
  ];
}

/** The active entry after a navigation key: Down/Up wrap around, Home/End go to the ends; -1 with no entries. */
export function movedIndex(current: number, count: number, key: string): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return Math.min(Math.max(current, 0), count - 1);
  }
}

/** ⌘K on a Mac, Ctrl+K elsewhere (either is accepted everywhere). */
export function isPaletteShortcut(e: { key: string; metaKey: boolean; ctrlKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return (e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/** "⌘K" where the platform says Mac, else "Ctrl K". */
export function shortcutLabel(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? '⌘K' : 'Ctrl K';
}
