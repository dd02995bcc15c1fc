import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Dialog } from '@/components/dialog';
import { EmptyState } from '@/components/empty-state';
import { Field, Select, TextInput } from '@/components/field';
import { QueryState } from '@/components/query-state';
import { useToast } from '@/components/toast';
import { roleAtLeast, useRoleIn } from '@/lib/auth';
import { useDebounced } from '@/lib/use-debounced';
import { useCreateStory, useDeleteStory, useProjectDocuments, useStories, useUpdateStory, type Story } from '../api/stories-api';
import { groupByStatus } from '../group';
import { ExportButtons } from './export-buttons';
import { StoryCard } from './story-card';
import { StoryForm } from './story-form';
import '../stories.css';
import { RoleNote } from '@/components/role-note';

export interface BacklogProps {
  project: { id?: string; org_id?: string; key?: string };
}

/** The project's backlog: stories grouped by status, search by key or title, filter by document, create/edit/delete, export. */
export function Backlog({ project }: BacklogProps) {
  const projectId = project.id ?? '';
  // Members and above may create, edit and delete stories; viewers read.
  const role = useRoleIn(project.org_id);
  const canEdit = roleAtLeast(role, 'member');
  const [documentId, setDocumentId] = useState('');
  // ?q= (e.g. a story key the command palette jumped to) fills the search box.
  const [params] = useSearchParams();
  const linked = params.get('q');
  const [search, setSearch] = useState(linked ?? '');
  useEffect(() => {
    if (linked !== null) setSearch(linked);
  }, [linked]);
  const query = useDebounced(search, 300).trim();
  const stories = useStories(projectId, documentId, query);
  const searchId = useId();
  const documents = useProjectDocuments(projectId);
  const create = useCreateStory(projectId);
  const update = useUpdateStory();
  const remove = useDeleteStory();
  const { notify } = useToast();
  const [editing, setEditing] = useState<Story | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Story | null>(null);

  const docs = documents.data ?? [];
  const docTitle = (id: string | null) => (id ? docs.find((d) => d.id === id)?.title : undefined);
  const groups = groupByStatus(stories.items);

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notify(`Deleted “${deleting.title}”`, 'success');
        setDeleting(null);
        // The story's buttons are gone: keep focus in the backlog.
        requestAnimationFrame(() => document.getElementById('backlog-title')?.focus());
      },
    });
  };

  return (
    <section className="stack backlog" aria-labelledby="backlog-title">
      <div className="row backlog-toolbar">
        <h2 id="backlog-title" tabIndex={-1}>
          Backlog
        </h2>
        <span className="spacer" />
        {canEdit ? (
          <Button variant="primary" onClick={() => setEditing('new')}>
            New story
          </Button>
        ) : null}
      </div>
      {canEdit ? null : <RoleNote role={role} needed="member" action="adding, editing and generating stories" />}
      <form className="row backlog-filters" role="search" aria-label="Filter the backlog" onSubmit={(e) => e.preventDefault()}>
        <Field label="Search stories" className="backlog-filter">
          <TextInput
            id={searchId}
            type="search"
            name="story_search"
            value={search}
            placeholder={`Key or title, e.g. ${project.key ?? 'WEB'}-12`}
            onChange={(e) => setSearch(e.target.value)}
          />
        </Field>
        <Field label="Document" className="backlog-filter">
          <Select name="document_filter" value={documentId} onChange={(e) => setDocumentId(e.target.value)} disabled={documents.isPending}>
            <option value="">All documents</option>
            {docs.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </Select>
        </Field>
        <span className="spacer" />
        <ExportButtons projectId={projectId} documentId={documentId || undefined} />
      </form>

      <QueryState query={stories} loadingLabel="Loading the backlog…" isEmpty={() => stories.items.length === 0} empty={
        query ? (
          <EmptyState title={`No stories match “${query}”`}>Search by a story’s key (such as {project.key ?? 'WEB'}-12), its number, or words of its title.</EmptyState>
        ) : (
          <EmptyState
            title={documentId ? 'No stories for this document' : 'The backlog is empty'}
            action={canEdit ? <Button onClick={() => setEditing('new')}>New story</Button> : null}
          >
            Write stories here, or generate them from a document with AI and accept them into the backlog.
          </EmptyState>
        )
      }>
        {() => (
          <div className="backlog-columns">
            {groups.map((g) => (
              <section key={g.status} className="backlog-column" aria-labelledby={`col-${g.status}`} data-status={g.status}>
                <h3 id={`col-${g.status}`}>
                  {g.label} <span className="badge">{g.stories.length}</span>
                  {g.points ? <span className="small muted"> · {g.points} pts</span> : null}
                </h3>
                {g.stories.length === 0 ? (
                  <p className="muted small">Nothing here.</p>
                ) : (
                  <ul className="plain-list backlog-list">
                    {g.stories.map((s) => (
                      <li key={s.id}>
                        <StoryCard story={s} documentTitle={documentId ? undefined : docTitle(s.document_id)} canEdit={canEdit} onEdit={setEditing} onDelete={setDeleting} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        )}
      </QueryState>
      {stories.hasNextPage ? (
        <Button onClick={() => void stories.fetchNextPage()} loading={stories.isFetchingNextPage}>
          Load more stories
        </Button>
      ) : null}

      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New story' : `Edit story ${editing?.key ?? ''}`.trim()} className="dialog-wide">
        {editing !== null ? (
          <StoryForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? undefined : editing}
            documents={docs}
            documentId={documentId || undefined}
            submitLabel={editing === 'new' ? 'Create story' : 'Save story'}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              if (editing === 'new') {
                const story = await create.mutateAsync(values);
                notify(`Created “${story.title}”`, 'success');
              } else {
                await update.mutateAsync({ id: editing.id, changes: values });
                notify('Story saved', 'success');
              }
              setEditing(null);
            }}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this story?"
        confirmLabel="Delete story"
        onConfirm={confirmDelete}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
        busy={remove.isPending}
        error={remove.error}
      >
        <p>“{deleting?.title}” will be removed from the backlog.</p>
      </ConfirmDialog>
    </section>
  );
}
