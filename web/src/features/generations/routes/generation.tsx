import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { useFollowOrg } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { kindLabels, useGeneration, useProjectName, useProjectOrgId } from '../api/generations-api';
import { GenerationLive } from '../components/generation-live';

/** /generations/:generationId — the live (or finished) view of one generation. */
export function GenerationRoute() {
  const { generationId = '' } = useParams();
  const generation = useGeneration(generationId);
  const g = generation.data;
  const projectName = useProjectName(g?.project_id);
  // A deep link into another organization makes it the current one.
  useFollowOrg(useProjectOrgId(g?.project_id).data);
  const title = g ? `${kindLabels[g.kind]} generation` : 'Generation';
  const input = g?.input as { product_name?: unknown } | undefined;
  useDocumentTitle(title);
  return (
    <>
      {g ? (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/projects">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${g.project_id}`}>{projectName.data ?? 'Project'}</Link>{' '}
          <span aria-hidden="true">/</span> <Link to={`/projects/${g.project_id}/generations`}>Generations</Link>
        </nav>
      ) : null}
      <PageHeader title={title} description={typeof input?.product_name === 'string' ? input.product_name : undefined} />
      <GenerationLive key={generationId} generationId={generationId} />
    </>
  );
}
