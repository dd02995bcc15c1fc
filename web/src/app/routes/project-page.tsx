import type { ReactNode } from 'react';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/spinner';
import { NavTabs } from '@/components/tabs';
import { DocumentsTab } from '@/features/documents';
import { GenerationHistory, newPrdPath } from '@/features/generations';
import { ProjectActions, ProjectOverview, useProject, type Project } from '@/features/projects';
import { Backlog } from '@/features/stories';
import { useFollowOrg } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { ErrorBoundary } from '../error-boundary';

interface ProjectTab {
  /** Sub-path under /projects/:projectId ('' for the first tab). */
  path: string;
  label: string;
  render: (project: Project) => ReactNode;
}

/**
 * The project's tabs. Each tab renders one feature's component; features add
 * theirs here (Documents → src/features/documents, Backlog →
 * src/features/stories, Generations → src/features/generations).
 */
const tabs: ProjectTab[] = [
  { path: '', label: 'Overview', render: (project) => <ProjectOverview project={project} /> },
  {
    path: 'documents',
    label: 'Documents',
    render: (project) => (
      <DocumentsTab
        project={project}
        actions={
          <Link className="btn btn-primary" to={newPrdPath(project.id ?? '')}>
            New PRD with AI
          </Link>
        }
      />
    ),
  },
  { path: 'backlog', label: 'Backlog', render: (project) => <Backlog project={project} /> },
  { path: 'generations', label: 'Generations', render: (project) => <GenerationHistory project={project} /> },
];

export function ProjectPage() {
  const { projectId } = useParams();
  const project = useProject(projectId);
  useDocumentTitle(project.data?.name ?? 'Project');
  // A deep link into another organization makes it the current one.
  useFollowOrg(project.data?.org_id);

  if (project.isPending) return <Loading label="Loading project…" />;
  if (project.isError) {
    if (isApiError(project.error) && project.error.status === 404) {
      return (
        <>
          <PageHeader title="Project not found" />
          <p>This project does not exist, was deleted, or belongs to an organization you are not a member of.</p>
          <Link to="/projects">Back to projects</Link>
        </>
      );
    }
    return <ErrorMessage error={project.error} onRetry={() => void project.refetch()} />;
  }

  const p = project.data;
  const base = `/projects/${projectId}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/projects">Projects</Link> <span aria-hidden="true">/</span> <span className="mono">{p.key}</span>
      </nav>
      <PageHeader
        title={p.name}
        description={<span className="badge badge-primary mono">{p.key}</span>}
        actions={<ProjectActions project={p} />}
      />
      {tabs.length > 1 ? (
        <NavTabs label="Project sections" items={tabs.map((t) => ({ to: t.path ? `${base}/${t.path}` : base, label: t.label, end: !t.path }))} />
      ) : null}
      <ErrorBoundary resetKey={projectId}>
        <Routes>
          {tabs.map((t) =>
            t.path ? (
              <Route key={t.path} path={`${t.path}/*`} element={<>{t.render(p)}</>} />
            ) : (
              <Route key="index" index element={<>{t.render(p)}</>} />
            ),
          )}
          <Route
            path="*"
            element={
              <p>
                There is no such section in this project. <Link to={base}>Back to the project</Link>
              </p>
            }
          />
        </Routes>
      </ErrorBoundary>
    </>
  );
}
