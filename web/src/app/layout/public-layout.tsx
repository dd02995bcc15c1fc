import { Link, Outlet } from 'react-router-dom';
import { useRouteFocus } from '../route-focus';
import { ThemeToggle } from './theme-toggle';
import { WakingBanner } from './waking-banner';

/** Layout of the signed-out pages (sign in, sign up, reset…). */
export function PublicLayout() {
  useRouteFocus();
  return (
    <div className="public-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="public-header">
        <Link to="/" className="brand" aria-label="PRISM home">
          <span className="brand-mark" aria-hidden="true" />
          PRISM
        </Link>
        <ThemeToggle />
      </header>
      <WakingBanner />
      <main id="main" className="public-main">
        <Outlet />
      </main>
    </div>
  );
}
