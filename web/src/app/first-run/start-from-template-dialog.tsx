import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextInput } from '@/components/field';
import { useToast } from '@/components/toast';
import { useQueryClient } from '@tanstack/react-query';
import { createDocument, documentKeys } from '@/features/documents';
import { useQuickCreateProject, type Project } from '@/features/projects';
import type { Template } from '@/features/templates';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';

export interface StartFromTemplateDialogProps {
  orgId: string;
  /** The template to start from; the dialog is open while it is set. */
  template: Template | null;
  /** The organization's projects; with none, the dialog names a new one (admins only reach it then). */
  projects: Project[];
  onClose: () => void;
}

/** A new document with a template's sections, in an existing project or a new one. */
export function StartFromTemplateDialog({ orgId, template, projects, onClose }: StartFromTemplateDialogProps) {
  const navigate = useNavigate();
  const { notify } = useToast();
  const qc = useQueryClient();
  const createProject = useQuickCreateProject(orgId);
  const [projectId, setProjectId] = useState('');
  const [projectName, setProjectName] = useState('');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const newProject = projects.length === 0;
  const chosen = projectId || projects[0]?.id || '';
  const name = template ? template.label || template.name : '';

  const close = () => {
    setTitle('');
    setProjectName('');
    setErrors({});
    setError(null);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!template) return;
    const found: Record<string, string> = {};
    if (newProject && !projectName.trim()) found.project = 'Name the new project.';
    const longName = newProject ? tooLong('The project name', projectName, limits.projectName) : undefined;
    if (longName) found.project = longName;
    if (!title.trim()) found.title = 'Enter a title for the document.';
    const longTitle = tooLong('The title', title, limits.documentTitle);
    if (longTitle) found.title = longTitle;
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) {
      document.getElementById(found.project ? 'start-project-name' : 'start-title')?.focus();
      return;
    }
    setBusy(true);
    try {
      const pid = newProject ? (await createProject.mutateAsync({ name: projectName.trim() })).id : chosen;
      if (!pid) throw new Error('The project has no id.');
      const { doc } = await createDocument(pid, { title: title.trim(), template: template.id });
      void qc.invalidateQueries({ queryKey: documentKeys.lists(pid) });
      notify(`Document “${doc.title ?? ''}” created from the ${name} template`);
      close();
      if (doc.id) navigate(`/documents/${doc.id}`);
    } catch (err) {
      const title = isApiError(err) ? err.fieldError('title') : undefined;
      if (title) setErrors({ title });
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={!!template} onClose={close} title={`New document from ${name}`}>
      <form className="form" onSubmit={submit} noValidate aria-label={`New document from ${name}`}>
        {error ? <ErrorMessage error={error} title="The document could not be created" /> : null}
        {newProject ? (
          <Field
            label="New project"
            error={errors.project}
            required
            hint={
              <>
                Documents live in projects; this one is made for it. Its key comes from the name. <CharCount value={projectName} max={limits.projectName} />
              </>
            }
          >
            <TextInput id="start-project-name" value={projectName} onChange={(e) => setProjectName(e.target.value)} autoFocus />
          </Field>
        ) : (
          <Field label="Project">
            <Select value={chosen} onChange={(e) => setProjectId(e.target.value)}>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.key})
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field
          label="Document title"
          error={errors.title}
          required
          hint={
            <>
              {template ? `It starts with the sections ${template.sections.map((s) => `“${s.title}”`).join(', ')}. ` : null}
              <CharCount value={title} max={limits.documentTitle} />
            </>
          }
        >
          <TextInput id="start-title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus={!newProject} />
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={busy}>
            Create document
          </Button>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
