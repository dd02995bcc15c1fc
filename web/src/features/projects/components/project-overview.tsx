import { formatDateTime } from '@/lib/format';
import type { Project } from '../api/projects-api';

/** The project's details (the "Overview" tab of the project page). */
export function ProjectOverview({ project }: { project: Project }) {
  return (
    <section className="card" aria-labelledby="project-overview-title">
      <h2 id="project-overview-title">About this project</h2>
      {project.description ? <p className="pre-wrap">{project.description}</p> : <p className="muted">No description yet.</p>}
      <dl className="details">
        <dt>Key</dt>
        <dd className="mono">{project.key}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(project.created_at)}</dd>
        <dt>Last updated</dt>
        <dd>{formatDateTime(project.updated_at)}</dd>
      </dl>
    </section>
  );
}
