import { ProjectsListRoute } from '@/features/projects';
import { FirstRunPanel } from '../first-run/first-run-panel';

/** /projects — the projects feature's list, with the first-run path when the organization has none. */
export function ProjectsPage() {
  return <ProjectsListRoute firstRun={(ctx) => <FirstRunPanel {...ctx} />} />;
}
