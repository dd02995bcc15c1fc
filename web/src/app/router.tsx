import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layout/app-layout';
import { PublicLayout } from './layout/public-layout';
import { RequireAuth } from './layout/require-auth';
import { RouteErrorPage } from './route-error';

/**
 * Lazy route module: `page(() => import('…'), 'ExportName')`. Every page is
 * its own chunk, so the first route only loads what it needs.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): RouteObject['lazy'] {
  return async () => {
    const module = await load();
    return { Component: module[name] as React.ComponentType };
  };
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: 'sign-in', lazy: page(() => import('@/features/auth/routes/sign-in'), 'SignInRoute') },
          { path: 'sign-up', lazy: page(() => import('@/features/auth/routes/sign-up'), 'SignUpRoute') },
          // TODO-SCAFFOLD { path: 'forgot-password', lazy: page(() => import('@/features/auth/routes/forgot-password'), 'ForgotPasswordRoute') },
          // TODO-SCAFFOLD { path: 'reset-password', lazy: page(() => import('@/features/auth/routes/reset-password'), 'ResetPasswordRoute') },
          // TODO-SCAFFOLD { path: 'verify-email', lazy: page(() => import('@/features/auth/routes/verify-email'), 'VerifyEmailRoute') },
          // TODO-SCAFFOLD { path: 'invitations/:token', lazy: page(() => import('@/features/orgs/routes/accept-invitation'), 'AcceptInvitationRoute') },
        ],
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Navigate to="/projects" replace /> },
          { path: 'projects', lazy: page(() => import('./routes/not-found'), 'NotFoundPage') },
          // TODO-SCAFFOLD { path: 'projects', lazy: page(() => import('@/features/projects/routes/projects-list'), 'ProjectsListRoute') },
          // TODO-SCAFFOLD { path: 'projects/:projectId/*', lazy: page(() => import('./routes/project-page'), 'ProjectPage') },
          // TODO-SCAFFOLD { path: 'orgs/new', lazy: page(() => import('@/features/orgs/routes/create-org'), 'CreateOrgRoute') },
          // TODO-SCAFFOLD { path: 'org/*', lazy: page(() => import('./routes/org-settings-page'), 'OrgSettingsPage') },
          // TODO-SCAFFOLD { path: 'account/*', lazy: page(() => import('@/features/account/routes/account'), 'AccountRoute') },
        ],
      },
      { path: '*', lazy: page(() => import('./routes/not-found'), 'NotFoundPage') },
    ],
  },
];

export const router = createBrowserRouter(routes, {
  future: {
    v7_relativeSplatPath: true,
    v7_fetcherPersist: true,
    v7_normalizeFormMethod: true,
    v7_partialHydration: true,
    v7_skipActionErrorRevalidation: true,
  },
});
