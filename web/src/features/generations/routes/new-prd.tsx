import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useProjectName } from '../api/generations-api';
import { NewPrdForm } from '../components/new-prd-form';
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
  useDocumentTitle('New PRD');
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/projects">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}`}>{projectName.data ?? 'Project'}</Link>
      </nav>
      <PageHeader title="New PRD" description="Describe the product; PRISM drafts the requirements document and saves it in this project." />
      <NewPrdForm projectId={projectId} onStarted={(id) => navigate(generationPath(id))} onCancel={() => navigate(`/projects/${projectId}`)} ai={ai} />
    </>
  );
}
