import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { Field, Select, TextInput } from '@/components/field';
import { useToast } from '@/components/toast';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { useCreateDocument, useTemplates } from '../api/documents-api';

export interface CreateDocumentDialogProps {
  projectId: string;
  orgId: string | undefined;
  open: boolean;
  onClose: () => void;
}

/** New document: a title and, optionally, a PRD template whose sections it starts with. */
export function CreateDocumentDialog({ projectId, orgId, open, onClose }: CreateDocumentDialogProps) {
  const templates = useTemplates(open ? orgId : undefined);
  const create = useCreateDocument(projectId);
  const navigate = useNavigate();
  const { notify } = useToast();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setTitle('');
    setTemplate('');
    setTitleError(undefined);
    setError(null);
    create.reset();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!title.trim()) {
      setTitleError('Enter a title.');
      return;
    }
    const long = tooLong('The title', title, limits.documentTitle);
    if (long) {
      setTitleError(long);
      return;
    }
    setTitleError(undefined);
    try {
      const { doc } = await create.mutateAsync({ title: title.trim(), ...(template ? { template } : {}) });
      notify(`Document “${doc.title ?? ''}” created`);
      close();
      if (doc.id) navigate(`/documents/${doc.id}`);
    } catch (err) {
      if (isApiError(err)) setTitleError(err.fieldError('title'));
      setError(err);
    }
  };

  const selected = templates.data?.items.find((t) => t.id === template);
  return (
    <Dialog open={open} onClose={close} title="New document">
      <form className="form" onSubmit={submit} noValidate>
        {error ? <ErrorMessage error={error} showFieldErrors={isApiError(error) && !error.fieldError('title')} /> : null}
        <Field label="Title" error={titleError} hint={<CharCount value={title} max={limits.documentTitle} />} required>
          <TextInput name="title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
        </Field>
        <Field
          label="Template"
          hint={
            templates.isError
              ? 'Templates could not be loaded; you can still start blank.'
              : selected
                ? `${selected.description} Sections: ${selected.sections.map((s) => s.title).join(', ')}.`
                : 'Start blank, or with the sections of a PRD template.'
          }
        >
          <Select name="template" value={template} onChange={(e) => setTemplate(e.target.value)} disabled={templates.isPending && !!orgId}>
            <option value="">Blank document</option>
            {templates.data?.items.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label || t.name}
                {t.builtin ? '' : ' (organization)'}
              </option>
            ))}
          </Select>
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create document
          </Button>
          <Button onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
