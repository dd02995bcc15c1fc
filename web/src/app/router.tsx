import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { AppLayout } from './layout/app-layout';
import { PublicLayout } from './layout/public-layout';
import { RequireAuth } from './layout/require-auth';
import { RouteErrorPage } from './route-error';
import { Loading } from '@/components/spinner';

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
    hydrateFallbackElement: <Loading label="Loading PRISM…" />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: 'sign-in', lazy: page(() => import('@/features/auth/routes/sign-in'), 'SignInRoute') },
          { path: 'sign-up', lazy: page(() => import('@/features/auth/routes/sign-up'), 'SignUpRoute') },
          { path: 'forgot-password', lazy: page(() => import('@/features/auth/routes/forgot-password'), 'ForgotPasswordRoute') },
          { path: 'reset-password', lazy: page(() => import('@/features/auth/routes/reset-password'), 'ResetPasswordRoute') },
          { path: 'verify-email', lazy: page(() => import('@/features/auth/routes/verify-email'), 'VerifyEmailRoute') },
          { path: 'invitations/:token', lazy: page(() => import('@/features/orgs/routes/accept-invitation'), 'AcceptInvitationRoute') },
          // The link in notification e-mails: works signed out.
          { path: 'unsubscribe', lazy: page(() => import('@/features/collaboration/routes/unsubscribe'), 'UnsubscribeRoute') },
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
          { path: 'projects', lazy: page(() => import('./routes/projects-page'), 'ProjectsPage') },
          { path: 'templates', lazy: page(() => import('./routes/start-from-template-page'), 'StartFromTemplatePage') },
          { path: 'projects/:projectId/new', lazy: page(() => import('./routes/new-prd-page'), 'NewPrdPage') },
          { path: 'projects/:projectId/*', lazy: page(() => import('./routes/project-page'), 'ProjectPage') },
          { path: 'documents/:documentId', lazy: page(() => import('./routes/document-page'), 'DocumentPage') },
          { path: 'generations/:generationId', lazy: page(() => import('@/features/generations/routes/generation'), 'GenerationRoute') },
          { path: 'notifications', lazy: page(() => import('@/features/collaboration/routes/notifications'), 'NotificationsRoute') },
          { path: 'usage', lazy: page(() => import('@/features/usage/routes/usage'), 'UsageRoute') },
          { path: 'orgs/new', lazy: page(() => import('@/features/orgs/routes/create-org'), 'CreateOrgRoute') },
          { path: 'org/*', lazy: page(() => import('./routes/org-settings-page'), 'OrgSettingsPage') },
          { path: 'account/*', lazy: page(() => import('./routes/account-page'), 'AccountPage') },
          { path: 'admin/*', lazy: page(() => import('@/features/admin/routes/admin'), 'AdminRoute') },
        ],
      },
      { path: 'shared/:token', lazy: page(() => import('./routes/shared-document-page'), 'SharedDocumentPage') },
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
