import type { ReactNode } from 'react';
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

/** A section other features add (e.g. notifications), at /account/<path>. */
export interface AccountSection {
  path: string;
  label: string;
  element: ReactNode;
}

export function AccountRoute({ sections = [] }: { sections?: AccountSection[] }) {
  useDocumentTitle('Your account');
  const items = [...tabs, ...sections.map((s) => ({ to: `/account/${s.path}`, label: s.label }))];
  return (
    <>
      <PageHeader title="Your account" />
      <NavTabs label="Account sections" items={items} />
      <Routes>
        {sections.map((s) => (
          <Route key={s.path} path={s.path} element={s.element} />
        ))}
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
