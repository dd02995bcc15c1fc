import { Link, useParams } from 'react-router-dom';
import { SharedDocumentView } from '@/features/documents';
import { ThemeToggle } from '../layout/theme-toggle';
import { WakingBanner } from '../layout/waking-banner';

/** /shared/:token — a share link, readable without signing in. */
export function SharedDocumentPage() {
  const { token = '' } = useParams();
  return (
    <div className="public-shell shared-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="public-header shared-header no-print">
        <Link to="/" className="brand" aria-label="PRISM home">
          <span className="brand-mark" aria-hidden="true" />
          PRISM
        </Link>
        <span className="muted small">Shared document · read-only</span>
        <ThemeToggle />
      </header>
      <WakingBanner />
      <main id="main" className="shared-main">
        <SharedDocumentView token={token} />
      </main>
    </div>
  );
}
