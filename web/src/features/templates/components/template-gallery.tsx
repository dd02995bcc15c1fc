import { useState, type ReactNode } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { QueryState } from '@/components/query-state';
import type { Template } from '../api/templates-api';
import { useOrgTemplates } from '../api/templates-api';
import { TemplatePreview } from './template-preview';
import '../templates.css';

export interface TemplateGalleryProps {
  orgId: string;
  /** Controls on each template's card and in its preview (e.g. "Use this template", "Edit"). */
  actions?: (template: Template, where: 'card' | 'preview') => ReactNode;
  /** Shown instead of an empty "your templates" group (e.g. who may create them). */
  ownEmpty?: ReactNode;
  /** Heading level of the two groups (the cards' titles are one below). */
  level?: 2 | 3;
}

/**
 * The organization's templates as cards, built-ins first, then its own; each
 * opens a preview with its sections and their guidance.
 */
export function TemplateGallery({ orgId, actions, ownEmpty, level = 2 }: TemplateGalleryProps) {
  const templates = useOrgTemplates(orgId);
  const Group = `h${level}` as 'h2' | 'h3';
  const Title = `h${level + 1}` as 'h3' | 'h4';
  const [previewing, setPreviewing] = useState<Template | null>(null);

  const card = (t: Template) => {
    const name = t.label || t.name;
    return (
      <li key={t.id} className="card template-card">
        <Title className="template-card-title">{name}</Title>
        <p className="template-card-meta">
          <span className="badge">{t.builtin ? 'Built-in' : 'Organization'}</span>
          <span className="muted small">{t.sections.length === 1 ? '1 section' : `${t.sections.length} sections`}</span>
        </p>
        {t.description ? <p className="template-card-description">{t.description}</p> : null}
        <p className="muted small template-card-sections">{t.sections.map((s) => s.title).join(' · ')}</p>
        <div className="template-card-actions">
          <Button size="sm" onClick={() => setPreviewing(t)} aria-label={`Preview ${name}`}>
            Preview
          </Button>
          {actions?.(t, 'card')}
        </div>
      </li>
    );
  };

  return (
    <QueryState query={templates} loadingLabel="Loading templates…">
      {() => {
        const items = templates.data ?? [];
        const builtin = items.filter((t) => t.builtin);
        const own = items.filter((t) => !t.builtin);
        return (
          <div className="template-gallery">
            <section aria-labelledby="templates-builtin">
              <Group id="templates-builtin" className="template-group-title">
                Built-in templates
              </Group>
              <ul className="grid-cards template-cards">{builtin.map(card)}</ul>
            </section>
            <section aria-labelledby="templates-own">
              <Group id="templates-own" className="template-group-title">
                Your organization’s templates
              </Group>
              {own.length ? <ul className="grid-cards template-cards">{own.map(card)}</ul> : (ownEmpty ?? <p className="muted">None yet.</p>)}
            </section>
            <Dialog
              open={!!previewing}
              onClose={() => setPreviewing(null)}
              title={previewing ? `Template: ${previewing.label || previewing.name}` : 'Template'}
              className="template-preview-dialog"
              footer={
                previewing ? (
                  <>
                    <Button onClick={() => setPreviewing(null)}>Close preview</Button>
                    {actions?.(previewing, 'preview')}
                  </>
                ) : null
              }
            >
              {previewing ? <TemplatePreview template={previewing} /> : null}
            </Dialog>
          </div>
        );
      }}
    </QueryState>
  );
}
