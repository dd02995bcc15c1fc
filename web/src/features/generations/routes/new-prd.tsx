import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { PageHeader } from '@/components/page-header';
import { RoleNote } from '@/components/role-note';
import { roleAtLeast, type Role } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useGeneration, useProjectName, type PrdInput } from '../api/generations-api';
import { NewPrdForm, type PrdBrief } from '../components/new-prd-form';
import type { OrgAi } from '../org-ai';
import { generationPath } from '../paths';

/**
 * /projects/:projectId/new — describe a product, generate its PRD. The app
 * layer passes `ai` (what the project's organization generates with) and
 * `role` (the caller's there; undefined while unknown): a viewer is told why
 * there is no form instead of filling one in to hear "Forbidden".
 */
export function NewPrdRoute({ ai, role }: { ai?: OrgAi; role?: Role | null }) {
  const { projectId = '' } = useParams();
  const navigate = useNavigate();
  const projectName = useProjectName(projectId);
  // ?from=<generation>: the brief of an earlier PRD generation, to edit and run again.
  const [params] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const source = useGeneration(from);
  useDocumentTitle('New PRD');
  let initial: PrdBrief | undefined;
  if (from && source.data?.kind === 'prd') {
    const g = source.data;
    const { document_id: _new, ...input } = g.input as unknown as PrdInput;
    initial = { input, template: g.template || undefined, provider: g.provider || undefined, model: g.model || undefined };
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/projects">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}`}>{projectName.data ?? 'Project'}</Link>
      </nav>
      <PageHeader title="New PRD" description="Describe the product; PRISM drafts the requirements document and saves it in this project." />
      {role !== undefined && !roleAtLeast(role, 'member') ? (
        <div className="card">
          <RoleNote role={role} needed="member" action="generating a PRD" />
          <Link to={`/projects/${projectId}`}>Back to the project</Link>
        </div>
      ) : (
        <NewPrdBody projectId={projectId} from={from} source={source} initial={initial} ai={ai} onStarted={(id) => navigate(generationPath(id))} />
      )}
    </>
  );
}

function NewPrdBody({
  projectId,
  from,
  source,
  initial,
  ai,
  onStarted,
}: {
  projectId: string;
  from: string | undefined;
  source: ReturnType<typeof useGeneration>;
  initial: PrdBrief | undefined;
  ai?: OrgAi;
  onStarted: (id: string) => void;
}) {
  const navigate = useNavigate();
  return (
    <>
      {from && source.isPending ? <Loading label="Loading the brief…" /> : null}
      {from && source.isError ? <ErrorMessage error={source.error} /> : null}
      {!from || source.isSuccess ? (
        <NewPrdForm key={from ?? 'new'} projectId={projectId} initial={initial} onStarted={onStarted} onCancel={() => navigate(`/projects/${projectId}`)} ai={ai} />
      ) : null}
    </>
  );
}
