import { Link, Route, Routes } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { NavTabs } from '@/components/tabs';
import { useDocumentTitle } from '@/lib/use-document-title';
import { ChangePasswordPanel } from '../components/change-password-panel';
import { ProfilePanel } from '../components/profile-panel';
import { SessionsPanel } from '../components/sessions-panel';
import { TokensPanel } from '../components/tokens-panel';

const tabs = [
  { to: '/account', label: 'Profile', end: true },
  { to: '/account/sessions', label: 'Sessions' },
  { to: '/account/tokens', label: 'API tokens' },
  { to: '/account/password', label: 'Password' },
];

export function AccountRoute() {
  useDocumentTitle('Your account');
  return (
    <>
      <PageHeader title="Your account" />
      <NavTabs label="Account sections" items={tabs} />
      <Routes>
        <Route index element={<ProfilePanel />} />
        <Route path="sessions" element={<SessionsPanel />} />
        <Route path="tokens" element={<TokensPanel />} />
        <Route path="password" element={<ChangePasswordPanel />} />
        <Route
          path="*"
          element={
            <p>
              There is no such page. <Link to="/account">Back to your account</Link>
            </p>
          }
        />
      </Routes>
    </>
  );
}
