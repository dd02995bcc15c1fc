// The diff of two versions, from the server's unified diff and per-section
// changes. Loaded lazily (lazy-diff-view.tsx).
import { useId, useMemo, useState } from 'react';
import { ScrollArea } from '@/components/scroll-area';
import type { DocumentDiff } from '../api/documents-api';
import { parseUnifiedDiff, toSideBySide, type DiffLine } from '../lib/unified-diff';

export type DiffMode = 'unified' | 'split';

const changeLabels = { added: 'Added', removed: 'Removed', modified: 'Changed' } as const;
const srPrefix: Record<DiffLine['kind'], string> = { added: 'Added: ', removed: 'Removed: ', context: '' };

function Cell({ line }: { line: DiffLine | null }) {
  if (!line) return <td className="diff-text diff-empty" />;
  return (
    <td className={`diff-text diff-${line.kind}`}>
      <span className="visually-hidden">{srPrefix[line.kind]}</span>
      <span aria-hidden="true" className="diff-mark">
        {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
      </span>
      {line.text || '\u00a0'}
    </td>
  );
}

export default function DiffView({ diff, initialMode = 'unified' }: { diff: DocumentDiff; initialMode?: DiffMode }) {
  const [mode, setMode] = useState<DiffMode>(initialMode);
  const hunks = useMemo(() => parseUnifiedDiff(diff.unified ?? ''), [diff.unified]);
  const name = useId();
  const sections = diff.sections ?? [];
  const caption = `Changes from version ${diff.from} to version ${diff.to}`;

  return (
    <div className="diff-view">
      <p className="diff-summary">
        <strong>
          Version {diff.from} → version {diff.to}:
        </strong>{' '}
        <span className="diff-count-added">{diff.lines_added ?? 0} lines added</span>,{' '}
        <span className="diff-count-removed">{diff.lines_removed ?? 0} lines removed</span>
      </p>
      {sections.length > 0 ? (
        <div>
          <h4 className="diff-subtitle">Sections changed</h4>
          <ul className="diff-sections">
            {sections.map((s) => (
              <li key={`${s.section}:${s.change}`}>
                <span className={`badge diff-badge-${s.change}`}>{s.change ? changeLabels[s.change] : ''}</span> {s.section || 'Preamble'}{' '}
                <span className="muted small">
                  (+{s.lines_added ?? 0} / −{s.lines_removed ?? 0})
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {hunks.length === 0 ? (
        <p className="muted">These versions have the same text.</p>
      ) : (
        <>
          <fieldset className="diff-mode">
            <legend className="visually-hidden">Diff layout</legend>
            <label>
              <input type="radio" name={name} value="unified" checked={mode === 'unified'} onChange={() => setMode('unified')} /> Unified
            </label>
            <label>
              <input type="radio" name={name} value="split" checked={mode === 'split'} onChange={() => setMode('split')} /> Side by side
            </label>
          </fieldset>
          <ScrollArea className="table-wrap diff-table-wrap" label={caption}>
            <table className={`diff-table diff-${mode}`}>
              <caption className="visually-hidden">{caption}</caption>
              <thead className="visually-hidden">
                {mode === 'unified' ? (
                  <tr>
                    <th scope="col">Old line</th>
                    <th scope="col">New line</th>
                    <th scope="col">Text</th>
                  </tr>
                ) : (
                  <tr>
                    <th scope="col">Old line</th>
                    <th scope="col">Version {diff.from}</th>
                    <th scope="col">New line</th>
                    <th scope="col">Version {diff.to}</th>
                  </tr>
                )}
              </thead>
              {hunks.map((hunk, h) => (
                <tbody key={h}>
                  <tr className="diff-hunk">
                    <td colSpan={mode === 'unified' ? 3 : 4}>{hunk.header}</td>
                  </tr>
                  {mode === 'unified'
                    ? hunk.lines.map((line, i) => (
                        <tr key={i}>
                          <td className="diff-num">{line.oldNumber ?? ''}</td>
                          <td className="diff-num">{line.newNumber ?? ''}</td>
                          <Cell line={line} />
                        </tr>
                      ))
                    : toSideBySide(hunk).map((row, i) => (
                        <tr key={i}>
                          <td className="diff-num">{row.left?.oldNumber ?? ''}</td>
                          <Cell line={row.left} />
                          <td className="diff-num">{row.right?.newNumber ?? ''}</td>
                          <Cell line={row.right} />
                        </tr>
                      ))}
                </tbody>
              ))}
            </table>
          </ScrollArea>
        </>
      )}
    </div>
  );
}
