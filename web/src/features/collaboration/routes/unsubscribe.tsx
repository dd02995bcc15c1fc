import { Link, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { useAuth } from '@/lib/auth';
import { errorMessage, isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useUnsubscribe } from '../api/preferences-api';
import { emailKindSummaries, isNotificationKind, kindOfUnsubscribeToken } from '../lib/notification-kinds';
import '../collaboration.css';

const sentence = (text: string) => {
  const t = text.trim();
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
};

/**
 * /unsubscribe?token= — the link in every notification e-mail. Works signed
 * out: it says which e-mails stop, and one button stops them.
 */
export function UnsubscribeRoute() {
  useDocumentTitle('Unsubscribe');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const kind = token ? kindOfUnsubscribeToken(token) : null;
  const unsubscribe = useUnsubscribe();
  const { status } = useAuth();
  const settings = status === 'signedIn' ? '/account/notifications' : '/sign-in?next=%2Faccount%2Fnotifications';
  const stopped = unsubscribe.data?.kind && isNotificationKind(unsubscribe.data.kind) ? unsubscribe.data.kind : kind;

  return (
    <div className="card unsubscribe">
      <h1 tabIndex={-1} data-page-title>
        Stop these e-mails
      </h1>
      {!token || !kind ? (
        <p className="alert alert-error" role="alert">
          This unsubscribe link is incomplete. Open it again from the e-mail, or change your e-mail settings in PRISM.
        </p>
      ) : unsubscribe.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p className="alert-title">Done.</p>
          <p>You will no longer get {stopped ? emailKindSummaries[stopped] : 'these e-mails'}. You still see them in PRISM’s notifications.</p>
        </div>
      ) : (
        <>
          <p>
            You will stop getting <strong>{emailKindSummaries[kind]}</strong>. Other e-mails and the notifications in PRISM stay as they are.
          </p>
          {unsubscribe.isError ? (
            <p className="alert alert-error" role="alert">
              {isApiError(unsubscribe.error) && unsubscribe.error.status === 410
                ? sentence(unsubscribe.error.detail || 'This unsubscribe link is no longer valid')
                : sentence(errorMessage(unsubscribe.error))}
            </p>
          ) : null}
          <Button variant="primary" onClick={() => unsubscribe.mutate(token)} loading={unsubscribe.isPending}>
            Stop these e-mails
          </Button>
        </>
      )}
      <p className="unsubscribe-more">
        <Link to={settings}>All e-mail settings</Link>
      </p>
    </div>
  );
}
