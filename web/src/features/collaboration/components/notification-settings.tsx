import { useId } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/spinner';
import { useToast } from '@/components/toast';
import { usePreferences, useUpdatePreferences } from '../api/preferences-api';
import { emailKindLabels, notificationKinds, type NotificationKind } from '../lib/notification-kinds';
import '../collaboration.css';

/** Account → Notifications: e-mail on or off per kind (each switch saves at once). */
export function NotificationSettings() {
  const prefs = usePreferences();
  const update = useUpdatePreferences();
  const { notify } = useToast();
  const legendId = useId();
  if (prefs.isPending) return <Loading label="Loading your e-mail settings…" />;
  if (prefs.isError) return <ErrorMessage error={prefs.error} onRetry={() => void prefs.refetch()} />;
  const email = prefs.data.email as Partial<Record<NotificationKind, boolean>>;
  const toggle = (kind: NotificationKind, on: boolean) =>
    update.mutate({ [kind]: on }, { onSuccess: () => notify(on ? 'E-mails turned on' : 'E-mails turned off') });
  return (
    <section className="card notification-settings" aria-labelledby={`${legendId}-title`}>
      <h2 id={`${legendId}-title`}>E-mail notifications</h2>
      <p className="muted">
        Everything always shows up under the bell and on the <Link to="/notifications">notifications page</Link>. Choose what is also sent to you by e-mail.
        Each e-mail has a link that stops e-mails of its kind.
      </p>
      <fieldset className="pref-list" aria-describedby={update.isError ? `${legendId}-error` : undefined}>
        <legend className="field-label">E-mail me when…</legend>
        {notificationKinds.map((kind) => {
          const id = `${legendId}-${kind}`;
          return (
            <div key={kind} className="checkbox pref-item">
              <input
                id={id}
                type="checkbox"
                checked={email[kind] !== false}
                onChange={(e) => toggle(kind, e.target.checked)}
              />
              <label htmlFor={id}>{emailKindLabels[kind]}</label>
            </div>
          );
        })}
      </fieldset>
      {update.isError ? (
        <div id={`${legendId}-error`}>
          <ErrorMessage error={update.error} title="Could not save the setting" />
        </div>
      ) : null}
    </section>
  );
}
