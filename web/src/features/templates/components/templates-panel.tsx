import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useState } from 'react';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { useCurrentOrg } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { useCreateTemplate, useDeleteTemplate, useOrgTemplates, useTemplate, useUpdateTemplate, type Template } from '../api/templates-api';
import { draftFrom, toInput } from '../lib/template-draft';
import { TemplateForm } from './template-form';
import { TemplateGallery } from './template-gallery';
import '../templates.css';

/** Where the panel lives (the organization settings' Templates tab). */
export const templatesBase = '/org/templates';

/**
 * Organization settings → Templates: every member sees the built-in and
 * organization templates with their previews; admins (and owners) create,
 * copy, edit and delete the organization's own, as the API allows.
 */
export function TemplatesPanel() {
  return (
    <Routes>
      <Route index element={<TemplateList />} />
      <Route path="new" element={<NewTemplate />} />
      <Route path=":templateId" element={<EditTemplate />} />
    </Routes>
  );
}

function TemplateList() {
  const { orgId, can } = useCurrentOrg();
  const admin = can('admin');
  const [deleting, setDeleting] = useState<Template | null>(null);
  const remove = useDeleteTemplate();
  const { notify } = useToast();
  if (!orgId) return null;
  const actions = (t: Template) => {
    if (!admin) return null;
    const name = t.label || t.name;
    if (t.builtin) {
      return (
        <Link className="btn btn-sm btn-secondary" to={`${templatesBase}/new?from=${encodeURIComponent(t.id)}`} aria-label={`Copy ${name} as a new template`}>
          Copy
        </Link>
      );
    }
    return (
      <>
        <Link className="btn btn-sm btn-secondary" to={`${templatesBase}/${t.id}`} aria-label={`Edit ${name}`}>
          Edit
        </Link>
        <Button size="sm" variant="ghost" className="template-remove" onClick={() => setDeleting(t)} aria-label={`Delete ${name}`}>
          Delete
        </Button>
      </>
    );
  };
  return (
    <section aria-labelledby="templates-title">
      <div className="templates-panel-head">
        <div>
          <h2 id="templates-title">Templates</h2>
          <p className="muted">
            A template gives new PRDs their sections, in order, with guidance for each; AI generations follow it too.
            {admin ? ' Built-in templates cannot be changed: copy one to make it your own.' : ' Admins and owners create and change the organization’s templates.'}
          </p>
        </div>
        {admin ? (
          <Link className="btn btn-primary" to={`${templatesBase}/new`}>
            New template
          </Link>
        ) : null}
      </div>
      <TemplateGallery
        orgId={orgId}
        level={3}
        actions={actions}
        ownEmpty={<p className="muted">{admin ? 'None yet. Create one, or copy a built-in template and adapt it.' : 'None yet.'}</p>}
      />
      <ConfirmDialog
        open={!!deleting}
        title={`Delete the template “${deleting?.label || deleting?.name || ''}”?`}
        confirmLabel="Delete template"
        mutation={remove}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notify(`Template “${deleting.label || deleting.name}” deleted`);
              setDeleting(null);
            },
          })
        }
      >
        <p>It is no longer offered for new documents and generations. Documents already made from it keep their sections.</p>
      </ConfirmDialog>
    </section>
  );
}

/** Names a new or renamed template may not take: every other template's. */
function useTakenNames(except?: string) {
  const { orgId } = useCurrentOrg();
  const list = useOrgTemplates(orgId);
  return (list.data ?? []).filter((t) => t.id !== except).flatMap((t) => [t.name, t.label]);
}

function AdminsOnly() {
  return (
    <p role="status">
      Only admins and owners can create or change templates. <Link to={templatesBase}>Back to the templates</Link>
    </p>
  );
}

function NewTemplate() {
  const { orgId, can } = useCurrentOrg();
  const [params] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const source = useTemplate(from);
  const create = useCreateTemplate(orgId ?? '');
  const taken = useTakenNames();
  const navigate = useNavigate();
  const { notify } = useToast();
  if (!orgId) return null;
  if (!can('admin')) return <AdminsOnly />;
  if (from && source.isPending) return <Loading label="Loading the template to copy…" />;
  if (from && source.isError) return <ErrorMessage error={source.error} title="Could not load the template to copy" />;
  return (
    <section aria-labelledby="template-new-title">
      <h2 id="template-new-title">{source.data ? `New template from “${source.data.label || source.data.name}”` : 'New template'}</h2>
      <TemplateForm
        key={from ?? 'blank'}
        initial={draftFrom(source.data, { copy: true })}
        submitLabel="Create template"
        takenNames={taken}
        onCancel={() => navigate(templatesBase)}
        onSubmit={async (draft) => {
          const t = await create.mutateAsync(toInput(draft));
          notify(`Template “${t.name}” created`);
          navigate(templatesBase);
        }}
      />
    </section>
  );
}

function EditTemplate() {
  const { templateId } = useParams();
  const { can } = useCurrentOrg();
  const template = useTemplate(can('admin') ? templateId : undefined);
  const update = useUpdateTemplate(templateId ?? '');
  const remove = useDeleteTemplate();
  const taken = useTakenNames(templateId);
  const navigate = useNavigate();
  const { notify } = useToast();
  const [deleting, setDeleting] = useState(false);
  if (!can('admin')) return <AdminsOnly />;
  if (template.isPending) return <Loading label="Loading the template…" />;
  if (template.isError) {
    const gone = isApiError(template.error) && template.error.status === 404;
    return gone ? (
      <p role="status">
        This template does not exist or was deleted. <Link to={templatesBase}>Back to the templates</Link>
      </p>
    ) : (
      <ErrorMessage error={template.error} onRetry={() => void template.refetch()} />
    );
  }
  const t = template.data;
  const stale = isApiError(update.error) && update.error.status === 412;
  if (t.builtin) {
    return (
      <p role="status">
        Built-in templates cannot be changed. <Link to={`${templatesBase}/new?from=${encodeURIComponent(t.id)}`}>Copy it as a new template</Link> instead.
      </p>
    );
  }
  return (
    <section aria-labelledby="template-edit-title">
      <h2 id="template-edit-title">Edit “{t.name}”</h2>
      <p className="muted small">Version {t.version}. Saving makes a new version; documents already made from it keep their sections.</p>
      {stale ? (
        <div className="alert alert-warning" role="status">
          <p>Someone else saved a newer version of this template while you were editing. Your changes are still in the form below, but they were not saved.</p>
          <Button
            onClick={() => {
              update.reset();
              void template.refetch();
            }}
          >
            Reload the template
          </Button>
        </div>
      ) : null}
      <TemplateForm
        key={`${t.id}-${t.version}`}
        initial={draftFrom(t)}
        submitLabel="Save template"
        takenNames={taken}
        onCancel={() => navigate(templatesBase)}
        onSubmit={async (draft) => {
          const saved = await update.mutateAsync({ version: t.version, changes: toInput(draft) });
          notify(`Template “${saved.name}” saved (version ${saved.version})`);
          navigate(templatesBase);
        }}
        extraActions={
          <Button variant="ghost" className="template-delete" onClick={() => setDeleting(true)}>
            Delete template
          </Button>
        }
      />
      <ConfirmDialog
        open={deleting}
        title={`Delete the template “${t.name}”?`}
        confirmLabel="Delete template"
        mutation={remove}
        onCancel={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(t.id, {
            onSuccess: () => {
              notify(`Template “${t.name}” deleted`);
              navigate(templatesBase);
            },
          })
        }
      >
        <p>It is no longer offered for new documents and generations. Documents already made from it keep their sections.</p>
      </ConfirmDialog>
    </section>
  );
}
