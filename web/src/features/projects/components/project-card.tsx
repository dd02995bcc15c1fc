import { Link } from 'react-router-dom';
import { formatRelative } from '@/lib/format';
import type { Project } from '../api/projects-api';

export function ProjectCard({ project }: { project: Project }) {
  return (
    <li className="card project-card">
      <div className="row">
        <span className="badge badge-primary mono">{project.key}</span>
      </div>
      <h2 className="project-card-title">
        <Link to={`/projects/${project.id}`}>{project.name}</Link>
      </h2>
      {project.description ? <p className="muted clamp-3">{project.description}</p> : null}
      <p className="muted small">Updated {formatRelative(project.updated_at ?? project.created_at)}</p>
    </li>
  );
}
