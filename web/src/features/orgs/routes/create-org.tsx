import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { CharCount } from '@/components/char-count';
import { ErrorMessage } from '@/components/error-message';
import { Field, TextInput } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { useToast } from '@/components/toast';
import { useAuth } from '@/lib/auth';
import { limits, tooLong } from '@/lib/limits';
import { isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCreateOrg } from '../api/orgs-api';

export function CreateOrgRoute() {
  useDocumentTitle('New organization');
  const create = useCreateOrg();
  const { reloadMe, setCurrentOrgId } = useAuth();
  const navigate = useNavigate();
  const { notify } = useToast();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = 'Enter a name.';
    const longName = tooLong('The name', name, limits.orgName);
    if (longName) errs.name = longName;
    if (slug && !/^[a-z0-9-]{2,50}$/.test(slug)) errs.slug = 'Use 2–50 lower-case letters, digits or dashes.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    create.mutate(
      { name: name.trim(), ...(slug ? { slug } : {}) },
      {
        onSuccess: async (org) => {
          if (org.id) setCurrentOrgId(org.id);
          await reloadMe();
          notify(`${org.name ?? 'Organization'} created`);
          navigate('/projects');
        },
        onError: (err) => {
          if (isApiError(err)) setErrors(err.fieldErrors());
        },
      },
    );
  };

  return (
    <>
      <PageHeader title="New organization" description="An organization holds projects and the people who work on them. You become its owner." />
      <form className="form card narrow" onSubmit={submit} noValidate>
        {create.isError ? <ErrorMessage error={create.error} title={Object.keys(errors).length ? 'Check the fields below' : undefined} /> : null}
        <Field label="Name" error={errors.name} hint={<CharCount value={name} max={limits.orgName} />} required>
          <TextInput value={name} autoComplete="organization" onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field
          label="Slug"
          error={errors.slug}
          hint={
            <>
              Optional short id, derived from the name when left empty. <CharCount value={slug} max={limits.orgSlug} />
            </>
          }
        >
          <TextInput value={slug} spellCheck={false} onChange={(e) => setSlug(e.target.value.toLowerCase())} />
        </Field>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create organization
          </Button>
          <Button onClick={() => navigate(-1)}>Cancel</Button>
        </div>
      </form>
    </>
  );
}
