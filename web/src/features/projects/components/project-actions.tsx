import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Dialog } from '@/components/dialog';
import { useToast } from '@/components/toast';
import { useRoleIn, roleAtLeast } from '@/lib/auth';
import { useDeleteProject, useUpdateProject, type Project } from '../api/projects-api';
import { ProjectForm } from './project-form';

/** Edit and delete buttons with their dialogs, for admins (the role matrix gives project management to admins). */
export function ProjectActions({ project }: { project: Project }) {
  const role = useRoleIn(project.org_id);
  const id = project.id ?? '';
  const update = useUpdateProject(id);
  const remove = useDeleteProject(id);
  const navigate = useNavigate();
  const { notify } = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (!roleAtLeast(role, 'admin')) return null;

  return (
    <>
      <Button onClick={() => setEditing(true)}>Edit project</Button>
      <Button variant="danger" onClick={() => setDeleting(true)}>
        Delete
      </Button>
      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit project">
        <ProjectForm
          initial={project}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={async (v) => {
            await update.mutateAsync({ name: v.name, key: v.key, description: v.description ? v.description : null });
            notify('Project saved');
            setEditing(false);
          }}
        />
      </Dialog>
      <ConfirmDialog
        open={deleting}
        title={`Delete ${project.name}?`}
        confirmLabel="Delete project"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => {
          remove.reset();
          setDeleting(false);
        }}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notify(`Project ${project.name} deleted`);
              setDeleting(false);
              navigate('/projects', { replace: true });
            },
          })
        }
      >
        <p>
          This deletes the project <strong>{project.name}</strong> ({project.key}) with its documents, backlog and generation history. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
