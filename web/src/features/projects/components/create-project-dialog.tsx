import { useNavigate } from 'react-router-dom';
import { Dialog } from '@/components/dialog';
import { useToast } from '@/components/toast';
import { useCreateProject } from '../api/projects-api';
import { ProjectForm } from './project-form';

export function CreateProjectDialog({ orgId, open, onClose }: { orgId: string; open: boolean; onClose: () => void }) {
  const create = useCreateProject(orgId);
  const navigate = useNavigate();
  const { notify } = useToast();
  return (
    <Dialog open={open} onClose={onClose} title="New project">
      <ProjectForm
        submitLabel="Create project"
        onCancel={onClose}
        onSubmit={async (values) => {
          const project = await create.mutateAsync({
            name: values.name,
            key: values.key,
            ...(values.description ? { description: values.description } : {}),
          });
          notify(`Project ${project.name ?? ''} created`);
          onClose();
          if (project.id) navigate(`/projects/${project.id}`);
        }}
      />
    </Dialog>
  );
}
