// Public surface of the projects feature for the app layer (src/app/routes).
export { useProject, useProjects, useQuickCreateProject, projectKeys, type Project } from './api/projects-api';
export { ProjectActions } from './components/project-actions';
export { ProjectOverview } from './components/project-overview';
export { ProjectsListRoute, type FirstRunContext } from './routes/projects-list';
