import { useParams } from 'react-router-dom';
import { Loading } from '@/components/spinner';
import { NewPrdRoute } from '@/features/generations';
import { useProject } from '@/features/projects';
import { useFollowOrg, useRoleIn } from '@/lib/auth';
import { useOrgAi } from './use-org-ai';

/**
 * /projects/:projectId/new — the generations feature's form, told what the
 * project's organization generates with and the caller's role there.
 */
export function NewPrdPage() {
  const { projectId } = useParams();
  const project = useProject(projectId);
  const ai = useOrgAi(project.data?.org_id);
  // A deep link into another organization makes it the current one (its templates are offered).
  useFollowOrg(project.data?.org_id);
  const role = useRoleIn(project.data?.org_id);
  // The form waits for the project (and so its organization and the caller's role there).
  if (project.isPending) return <Loading label="Loading the project…" />;
  return <NewPrdRoute ai={ai} role={project.isSuccess ? role : undefined} />;
}
