import { AccountRoute, type AccountSection } from '@/features/account/routes/account';
import { NotificationSettings } from '@/features/collaboration';

// Sections other features add to the account pages.
const sections: AccountSection[] = [{ path: 'notifications', label: 'Notifications', element: <NotificationSettings /> }];

/** /account/* — the account feature's pages plus the sections of other features. */
export function AccountPage() {
  return <AccountRoute sections={sections} />;
}
