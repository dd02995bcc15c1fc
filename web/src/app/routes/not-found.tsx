import { Link } from 'react-router-dom';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <main className="centered-page" id="main">
      <div className="card narrow">
        <h1 tabIndex={-1} data-page-title>
          Page not found
        </h1>
        <p>There is nothing at this address. It may have moved, or the link is incomplete.</p>
        <p>
          <Link to="/" className="btn btn-primary">
            Go to the start page
          </Link>
        </p>
      </div>
    </main>
  );
}
