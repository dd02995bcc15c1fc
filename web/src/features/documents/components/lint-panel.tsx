import { useMemo, type ReactNode } from 'react';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useLint, type LintFinding } from '../api/documents-api';
import { splitSections } from '../lib/sections';

const ruleLabels: Record<LintFinding['rule'], string> = {
  missing_section: 'Missing section',
  empty_section: 'Empty section',
  duplicate_requirement_id: 'Duplicate requirement id',
  requirement_without_id: 'Requirement without id',
  metric_without_number: 'Metric without a number',
  todo_left: 'Placeholder left',
  vague_word: 'Vague wording',
  uncovered_requirement: 'Requirement without a story',
};

const severityOrder: Record<LintFinding['severity'], number> = { error: 0, warning: 1, info: 2 };
const severityLabels: Record<LintFinding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Info' };

function scoreWord(score: number): string {
  if (score >= 90) return 'good';
  if (score >= 70) return 'fair';
  return 'needs work';
}

export interface LintPanelProps {
  documentId: string;
  /** The version checked (the report is refetched when it changes). */
  version: number | undefined;
  /** The document's Markdown, to know which sections exist. */
  content: string;
  /** Go to a section of the rendered document. */
  onSelectSection: (slug: string) => void;
  /** Extra controls for a finding in a section (e.g. "Fix with AI"). */
  findingActions?: (finding: LintFinding) => ReactNode;
}

/** Rule-based quality check: a 0–100 score and findings linking to their sections. */
export function LintPanel({ documentId, version, content, onSelectSection, findingActions }: LintPanelProps) {
  const lint = useLint(documentId, version);
  const slugByTitle = useMemo(() => {
    const map = new Map<string, string>();
    for (const s of splitSections(content)) if (s.slug && !map.has(s.title)) map.set(s.title, s.slug);
    return map;
  }, [content]);

  if (lint.isPending) return <Loading label="Checking the document…" />;
  if (lint.isError) return <ErrorMessage error={lint.error} title="Could not check the document" onRetry={() => void lint.refetch()} />;

  const { score, findings } = lint.data;
  const sorted = [...findings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;

  return (
    <section className="lint-panel" aria-labelledby="lint-heading">
      <div className="lint-score">
        <h3 id="lint-heading">Quality score</h3>
        <p className={`lint-score-value lint-${scoreWord(score).replace(' ', '-')}`}>
          <strong>{score}</strong>
          <span className="muted"> / 100</span> <span className="small">({scoreWord(score)})</span>
        </p>
        <meter min={0} max={100} low={70} high={90} optimum={100} value={score} aria-label="Quality score">
          {score} of 100
        </meter>
        <p className="muted small">
          {counts.error} {counts.error === 1 ? 'error' : 'errors'}, {counts.warning} {counts.warning === 1 ? 'warning' : 'warnings'}, {counts.info} info
        </p>
        <Button size="sm" variant="ghost" onClick={() => void lint.refetch()} loading={lint.isFetching}>
          Check again
        </Button>
      </div>
      {sorted.length === 0 ? (
        <EmptyState title="No findings">Every rule passes for this version.</EmptyState>
      ) : (
        <ul className="lint-findings" aria-label="Findings">
          {sorted.map((f, i) => {
            const slug = f.section ? slugByTitle.get(f.section) : undefined;
            return (
              <li key={`${f.rule}:${f.section}:${f.line ?? ''}:${i}`} className={`lint-finding lint-${f.severity}`}>
                <span className={`badge severity-${f.severity}`}>{severityLabels[f.severity]}</span>
                <div className="lint-finding-body">
                  <p className="lint-finding-title">
                    <strong>{ruleLabels[f.rule] ?? f.rule}</strong>
                    {f.section ? (
                      <>
                        {' in '}
                        {slug ? (
                          <a
                            href={`#section-${slug}`}
                            onClick={(e) => {
                              e.preventDefault();
                              onSelectSection(slug);
                            }}
                          >
                            {f.section}
                          </a>
                        ) : (
                          <span>{f.section}</span>
                        )}
                      </>
                    ) : (
                      <span className="muted"> (before the first section)</span>
                    )}
                    {f.line ? <span className="muted small"> · line {f.line}</span> : null}
                  </p>
                  <p className="lint-finding-message">{f.message}</p>
                  {f.section && slug && findingActions ? findingActions(f) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}


