// Public surface of the projects feature for the app layer (src/app/routes).
export { useProject, useProjects, projectKeys, type Project } from './api/projects-api';
export { ProjectActions } from './components/project-actions';
export { ProjectOverview } from './components/project-overview';
