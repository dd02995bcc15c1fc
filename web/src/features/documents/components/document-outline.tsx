import { useMemo, useState } from 'react';
import { focusSection, sectionAnchor, splitSections } from '../lib/sections';

/** "On this page": the `##` sections; choosing one scrolls to it and moves focus there. */
export function DocumentOutline({ content, onSelect }: { content: string; onSelect?: (slug: string) => void }) {
  const sections = useMemo(() => splitSections(content).filter((s) => s.slug), [content]);
  // Expanded beside the document; collapsed above it on narrow screens.
  const [open] = useState(() => typeof matchMedia !== 'function' || !matchMedia('(max-width: 48rem)').matches);
  return (
    <nav aria-label="Outline" className="doc-outline">
      <details open={open}>
        <summary className="doc-outline-title">Outline</summary>
        {sections.length === 0 ? (
          <p className="muted small">No sections yet. Start a line with “## ” to add one.</p>
        ) : (
          <ol>
            {sections.map((s) => (
              <li key={s.slug}>
                <a
                  href={`#${sectionAnchor(s.slug)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    if (onSelect) onSelect(s.slug);
                    else focusSection(s.slug);
                  }}
                >
                  {s.title || 'Untitled section'}
                </a>
              </li>
            ))}
          </ol>
        )}
      </details>
    </nav>
  );
}
