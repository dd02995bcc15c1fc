import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { errorMessage } from '@/lib/problem';

/** Shown when a route fails to render or its code fails to load. */
export function RouteErrorPage() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A failed dynamic import usually means a new version was deployed.
  const staleChunk = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <main className="centered-page" id="main">
      <div className="card narrow">
        <h1 tabIndex={-1}>{notFound ? 'Page not found' : 'Something went wrong'}</h1>
        <p>
          {notFound
            ? 'There is nothing at this address.'
            : staleChunk
              ? 'PRISM was updated while this page was open. Reload to get the new version.'
              : errorMessage(error)}
        </p>
        <p className="row">
          <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
            Reload
          </button>
          <Link className="btn btn-secondary" to="/">
            Go to the start page
          </Link>
        </p>
      </div>
    </main>
  );
}
