import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { useProjects } from '@/features/projects';
import { TemplateGallery, templatesBase, type Template } from '@/features/templates';
import { useCurrentOrg } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { StartFromTemplateDialog } from '../first-run/start-from-template-dialog';
import '../first-run/first-run.css';

/**
 * /templates — the template gallery (templates feature) to start a document
 * from: "Use this template" creates it in a project (documents and projects
 * features), making the project first when the organization has none.
 */
export function StartFromTemplatePage() {
  useDocumentTitle('Start from a template');
  const { orgId, can } = useCurrentOrg();
  const projects = useProjects(orgId);
  const [using, setUsing] = useState<Template | null>(null);
  const header = (
    <PageHeader
      title="Start from a template"
      description="A template gives a new PRD its sections, in order, with guidance for each. Preview one, then start a document with it."
      actions={
        can('admin') ? (
          <Link className="btn btn-secondary" to={templatesBase}>
            Manage templates
          </Link>
        ) : null
      }
    />
  );
  if (!orgId) {
    return (
      <>
        {header}
        <p>
          Templates belong to an organization. <Link to="/orgs/new">Create an organization</Link> first.
        </p>
      </>
    );
  }
  const items = projects.items;
  // Members create documents; only admins can make the project a document needs when there is none.
  const canUse = can('member') && !projects.isPending && (items.length > 0 || can('admin'));
  const note = !can('member')
    ? 'As a viewer you can preview the templates; members create documents from them.'
    : !projects.isPending && items.length === 0 && !can('admin')
      ? 'Documents live in projects, and this organization has none yet: ask an admin or owner to create one.'
      : null;
  return (
    <>
      {header}
      {note ? <p className="alert start-template-note">{note}</p> : null}
      <TemplateGallery
        orgId={orgId}
        actions={(t) =>
          canUse ? (
            <Button size="sm" variant="primary" onClick={() => setUsing(t)} aria-label={`Use this template: ${t.label || t.name}`}>
              Use this template
            </Button>
          ) : null
        }
      />
      <StartFromTemplateDialog orgId={orgId} template={using} projects={items} onClose={() => setUsing(null)} />
    </>
  );
}
