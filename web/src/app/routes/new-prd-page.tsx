import { useParams } from 'react-router-dom';
import { NewPrdRoute } from '@/features/generations';
import { useProject } from '@/features/projects';
import { useFollowOrg } from '@/lib/auth';
import { useOrgAi } from './use-org-ai';

/** /projects/:projectId/new — the generations feature's form, told what the project's organization generates with. */
export function NewPrdPage() {
  const { projectId } = useParams();
  const project = useProject(projectId);
  const ai = useOrgAi(project.data?.org_id);
  // A deep link into another organization makes it the current one (its templates are offered).
  useFollowOrg(project.data?.org_id);
  return <NewPrdRoute ai={ai} />;
}
