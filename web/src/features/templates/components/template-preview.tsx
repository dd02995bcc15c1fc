import type { Template } from '../api/templates-api';

export interface TemplatePreviewProps {
  template: Template;
  /** Heading level of each section's title (the surrounding heading is one above). */
  level?: 3 | 4;
}

/** A template's description and its sections in order, each with its guidance and whether it is required. */
export function TemplatePreview({ template, level = 3 }: TemplatePreviewProps) {
  const Heading = `h${level}` as 'h3' | 'h4';
  return (
    <div className="template-preview">
      {template.description ? <p>{template.description}</p> : null}
      <p className="muted small">
        {template.sections.length === 1 ? '1 section' : `${template.sections.length} sections`}, in this order. Each becomes a “## ” heading of the
        document.
      </p>
      <ol className="template-preview-sections" aria-label={`Sections of ${template.label || template.name}`}>
        {template.sections.map((s) => (
          <li key={s.title}>
            <div className="template-preview-head">
              <Heading>{s.title}</Heading>
              <span className={s.required ? 'badge badge-primary' : 'badge'}>{s.required ? 'Required' : 'Optional'}</span>
            </div>
            {s.guidance ? <p className="template-guidance">{s.guidance}</p> : <p className="muted small">No guidance.</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}
