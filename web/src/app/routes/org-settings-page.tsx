import type { ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { NavTabs } from '@/components/tabs';
import { AiSettingsPanel } from '@/features/ai-settings';
import { ReviewSettings } from '@/features/collaboration';
import { AuditLogPanel, InvitationsPanel, MembersPanel, OrgGeneralSettings } from '@/features/orgs';
import { TemplatesPanel } from '@/features/templates';
import { TrashPanel } from '@/features/trash';
import { useCurrentOrg, type Role } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

interface OrgTab {
  path: string;
  label: string;
  /** Lowest role that sees the tab. */
  role: Role;
  element: ReactNode;
}

// Features add organization-level tabs here (e.g. usage).
const tabs: OrgTab[] = [
  { path: '', label: 'General', role: 'viewer', element: <OrgGeneralSettings /> },
  { path: 'members', label: 'Members', role: 'viewer', element: <MembersPanel /> },
  { path: 'ai', label: 'AI provider', role: 'viewer', element: <AiSettingsPanel /> },
  // Everyone sees and previews the templates; the panel offers changes to admins only.
  { path: 'templates', label: 'Templates', role: 'viewer', element: <TemplatesPanel /> },
  { path: 'reviews', label: 'Reviews', role: 'viewer', element: <ReviewSettings /> },
  { path: 'invitations', label: 'Invitations', role: 'admin', element: <InvitationsPanel /> },
  { path: 'audit', label: 'Audit log', role: 'admin', element: <AuditLogPanel /> },
  { path: 'trash', label: 'Trash', role: 'viewer', element: <TrashPanel /> },
];

export function OrgSettingsPage() {
  const { orgId, membership, can } = useCurrentOrg();
  useDocumentTitle(membership ? `${membership.org_name} settings` : 'Organization');
  if (!orgId || !membership) {
    return (
      <>
        <PageHeader title="Organization" />
        <EmptyState
          title="You are not in an organization"
          action={
            <Link className="btn btn-primary" to="/orgs/new">
              Create an organization
            </Link>
          }
        />
      </>
    );
  }
  const visible = tabs.filter((t) => can(t.role));
  return (
    <>
      <PageHeader title={membership.org_name} description="Organization settings" />
      <NavTabs label="Organization settings" items={visible.map((t) => ({ to: t.path ? `/org/${t.path}` : '/org', label: t.label, end: !t.path }))} />
      <Routes>
        {visible.map((t) =>
          t.path ? <Route key={t.path} path={`${t.path}/*`} element={t.element} /> : <Route key="index" index element={t.element} />,
        )}
        <Route path="*" element={<p>This section does not exist or needs a higher role. <Link to="/org">Back to settings</Link></p>} />
      </Routes>
    </>
  );
}
