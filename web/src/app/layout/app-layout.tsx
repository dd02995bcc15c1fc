import { useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { NotificationBell } from '@/features/collaboration';
import { Loading } from '@/components/spinner';
import { TabScroller } from '@/components/tab-scroller';
import { useAuth } from '@/lib/auth';
import { ErrorBoundary } from '../error-boundary';
import { useRouteFocus } from '../route-focus';
import { AccountMenu } from './account-menu';
import { navItems } from './nav-items';
import { OrgSwitcher } from './org-switcher';
import { SearchEverywhere } from './search-everywhere';
import { ThemeToggle } from './theme-toggle';
import { WakingBanner } from './waking-banner';

/** The signed-in shell: header (org switcher, nav, theme, account) + page. */
export function AppLayout() {
  useRouteFocus();
  const { me, meLoading, meError, reloadMe } = useAuth();
  const location = useLocation();
  const navRef = useRef<HTMLElement>(null);
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-start">
          <Link to="/projects" className="brand" aria-label="PRISM home">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-text">PRISM</span>
          </Link>
          {me ? <OrgSwitcher /> : null}
        </div>
        {/* On a phone the navigation is a row that may scroll; its edges say so. */}
        <TabScroller listRef={navRef} current={location.pathname} className="main-nav-scroller">
          <nav ref={navRef} aria-label="Main" className="main-nav">
            {navItems
              .filter((item) => !item.adminOnly || me?.user.is_admin)
              .map((item) => (
                <NavLink key={item.to} to={item.to} end={item.end} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  {item.label}
                </NavLink>
              ))}
          </nav>
        </TabScroller>
        <div className="header-end">
          {me ? <SearchEverywhere /> : null}
          <ThemeToggle />
          {me ? <NotificationBell /> : null}
          {me ? <AccountMenu /> : null}
        </div>
      </header>
      <WakingBanner />
      <main id="main" className="app-main">
        {meLoading ? (
          <Loading label="Loading your account…" />
        ) : meError && !me ? (
          <ErrorMessage error={meError} title="Could not load your account" onRetry={() => void reloadMe()} />
        ) : (
          <ErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}
