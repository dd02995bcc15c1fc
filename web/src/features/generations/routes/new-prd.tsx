import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { PageHeader } from '@/components/page-header';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useGeneration, useProjectName, type PrdInput } from '../api/generations-api';
import { NewPrdForm, type PrdBrief } from '../components/new-prd-form';
import type { OrgAi } from '../org-ai';
import { generationPath } from '../paths';

/**
 * /projects/:projectId/new — describe a product, generate its PRD. The app
 * layer passes `ai` (what the project's organization generates with).
 */
export function NewPrdRoute({ ai }: { ai?: OrgAi }) {
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
      {from && source.isPending ? <Loading label="Loading the brief…" /> : null}
      {from && source.isError ? <ErrorMessage error={source.error} /> : null}
      {!from || source.isSuccess ? (
        <NewPrdForm key={from ?? 'new'} projectId={projectId} initial={initial} onStarted={(id) => navigate(generationPath(id))} onCancel={() => navigate(`/projects/${projectId}`)} ai={ai} />
      ) : null}
    </>
  );
}
