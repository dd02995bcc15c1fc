import { useMemo, type ReactNode } from 'react';
import { Markdown } from '@/components/markdown';
import { sectionAnchor, splitSections, type Section } from '../lib/sections';

export interface DocumentViewProps {
  /** The document's Markdown. */
  content: string;
  /**
   * Extra controls shown next to each `##` heading (e.g. the generations
   * feature's "Rewrite section"). Receives the section.
   */
  sectionActions?: (section: Section) => ReactNode;
  /** Accessible name of the rendered document, e.g. its title. */
  label?: string;
  /** Prefix for heading ids when two views share a page (e.g. a version preview). */
  idPrefix?: string;
}

/**
 * The rendered document: each `##` section is its own region with a focusable
 * heading (anchor target of the outline and the lint panel) and an optional
 * action area. Markdown goes through the shared sanitizing renderer.
 */
export function DocumentView({ content, sectionActions, label, idPrefix = '' }: DocumentViewProps) {
  const sections = useMemo(() => splitSections(content), [content]);
  if (!content.trim()) {
    return (
      <div className="doc-view doc-view-empty">
        <p className="muted">This document is empty.</p>
      </div>
    );
  }
  return (
    <article className="doc-view" aria-label={label}>
      {sections.map((section) =>
        section.slug ? (
          <section
            key={section.slug}
            className="doc-section"
            aria-labelledby={idPrefix + sectionAnchor(section.slug)}
            data-section-slug={section.slug}
          >
            <div className="doc-section-head">
              <h2 id={idPrefix + sectionAnchor(section.slug)} tabIndex={-1}>
                {section.title || 'Untitled section'}
              </h2>
              {sectionActions ? <div className="doc-section-actions no-print">{sectionActions(section)}</div> : null}
            </div>
            {section.body ? <Markdown>{section.body}</Markdown> : <p className="muted small">(empty section)</p>}
          </section>
        ) : (
          <div key="preamble" className="doc-preamble" data-section-slug="">
            <Markdown>{section.body}</Markdown>
          </div>
        ),
      )}
    </article>
  );
}
