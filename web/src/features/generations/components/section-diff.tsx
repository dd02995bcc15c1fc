import { diffLines } from 'diff';
import '../generations.css';

/**
 * Line diff of a section's current text and a proposed one (jsdiff).
 * Loaded lazily: `diff` stays out of the first route's bundle.
 */
export function SectionDiff({ original, proposed }: { original: string; proposed: string }) {
  const parts = diffLines(original.trim() + '\n', proposed.trim() + '\n');
  const added = parts.filter((p) => p.added).reduce((n, p) => n + (p.count ?? 0), 0);
  const removed = parts.filter((p) => p.removed).reduce((n, p) => n + (p.count ?? 0), 0);
  return (
    <figure className="section-diff">
      <figcaption className="small muted">
        {added} line{added === 1 ? '' : 's'} added, {removed} removed
      </figcaption>
      <div className="diff-lines" role="list" aria-label="Changes" tabIndex={0}>
        {parts.flatMap((part, i) =>
          part.value
            .replace(/\n$/, '')
            .split('\n')
            .map((line, j) => {
              const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
              const Tag = part.added ? 'ins' : part.removed ? 'del' : 'span';
              return (
                <div key={`${i}-${j}`} role="listitem" className={`diff-line diff-${kind}`}>
                  <span className="diff-sign" aria-hidden="true">
                    {part.added ? '+' : part.removed ? '−' : ' '}
                  </span>
                  {kind !== 'same' ? <span className="visually-hidden">{kind === 'added' ? 'Added: ' : 'Removed: '}</span> : null}
                  <Tag>{line || ' '}</Tag>
                </div>
              );
            }),
        )}
      </div>
    </figure>
  );
}
