import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCurrentOrg } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useProjects } from '../api/projects-api';
import { CreateProjectDialog } from '../components/create-project-dialog';
import { ProjectCard } from '../components/project-card';
import { RoleNote } from '@/components/role-note';

/** What a first-run panel gets to work with when the organization has no projects. */
export interface FirstRunContext {
  orgId: string;
  /** The user may create projects (admin or owner). */
  canCreate: boolean;
  /** Opens the New project dialog. */
  createProject: () => void;
}

export interface ProjectsListRouteProps {
  /** Shown instead of the plain empty state when there are no projects (the app layer's first-run path). */
  firstRun?: (ctx: FirstRunContext) => ReactNode;
}

export function ProjectsListRoute({ firstRun }: ProjectsListRouteProps = {}) {
  useDocumentTitle('Projects');
  const { orgId, membership, can, role } = useCurrentOrg();
  const projects = useProjects(orgId);
  const [creating, setCreating] = useState(false);

  if (!orgId) {
    return (
      <>
        <PageHeader title="Projects" />
        <EmptyState
          title="You are not in an organization yet"
          action={
            <Link className="btn btn-primary" to="/orgs/new">
              Create an organization
            </Link>
          }
        >
          Projects belong to an organization. Create one, or ask a teammate to invite you.
        </EmptyState>
      </>
    );
  }

  // The role matrix gives project management to admins.
  const canCreate = can('admin');
  const newButton = canCreate ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New project
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title="Projects" description={membership ? `In ${membership.org_name}` : undefined} actions={newButton} />
      {canCreate ? null : <RoleNote role={role} needed="admin" action="creating, renaming and deleting projects" />}
      <QueryState query={projects} loadingLabel="Loading projects…" isEmpty={() => projects.items.length === 0} empty={
        firstRun ? (
          firstRun({ orgId, canCreate, createProject: () => setCreating(true) })
        ) : (
          <EmptyState title="No projects yet" action={newButton}>
            {canCreate ? 'A project groups the PRDs, backlog and AI generations of one product.' : 'Nobody has created a project in this organization yet. Admins create projects.'}
          </EmptyState>
        )
      }>
        {() => (
          <>
            <ul className="grid-cards" aria-label="Projects">
              {projects.items.map((p) => (
                <ProjectCard key={p.id} project={p} />
              ))}
            </ul>
            {projects.hasNextPage ? (
              <p className="row" style={{ marginTop: '1rem' }}>
                <Button onClick={() => void projects.fetchNextPage()} loading={projects.isFetchingNextPage}>
                  Load more
                </Button>
              </p>
            ) : null}
          </>
        )}
      </QueryState>
      {canCreate ? <CreateProjectDialog orgId={orgId} open={creating} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
