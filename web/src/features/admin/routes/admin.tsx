import { Link, Route, Routes } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { NavTabs } from '@/components/tabs';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { OrgsPanel } from '../components/orgs-panel';
import { StoragePanel } from '../components/storage-panel';
import { UsersPanel } from '../components/users-panel';

const tabs = [
  { to: '/admin', label: 'Users', end: true },
  { to: '/admin/orgs', label: 'Organizations' },
  { to: '/admin/storage', label: 'Storage' },
];

/** Server administration, for server administrators (not organization admins). */
export function AdminRoute() {
  useDocumentTitle('Server administration');
  const { me } = useAuth();
  if (!me?.user.is_admin) {
    return (
      <>
        <PageHeader title="Server administration" />
        <EmptyState title="Server administrators only">
          This page is for the administrators of this PRISM server. <Link to="/projects">Back to your projects</Link>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Server administration" description="Every account and organization on this server, and the database they fill" />
      <NavTabs label="Administration sections" items={tabs} />
      <Routes>
        <Route index element={<UsersPanel />} />
        <Route path="orgs" element={<OrgsPanel />} />
        <Route path="storage" element={<StoragePanel />} />
        <Route
          path="*"
          element={
            <p>
              There is no such page. <Link to="/admin">Back to administration</Link>
            </p>
          }
        />
      </Routes>
    </>
  );
}
