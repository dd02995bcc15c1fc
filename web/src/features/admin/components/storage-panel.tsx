import { Button } from '@/components/button';
import { QueryState } from '@/components/query-state';
import { ScrollArea } from '@/components/scroll-area';
import { formatBytes, formatDateTime, formatNumber } from '@/lib/format';
import { type AdminStorage, useAdminStorage } from '../api/admin-api';

function QuotaMeter({ report }: { report: AdminStorage }) {
  const quota = report.quota_bytes;
  if (quota == null) {
    return (
      <p>
        The database uses {formatBytes(report.database_bytes)}. No quota is set: set DATABASE_QUOTA_BYTES to your plan’s limit (for example 3GB) to be
        warned at 80%.
      </p>
    );
  }
  const share = report.database_bytes / quota;
  const tone = share >= 1 ? 'over' : share >= 0.8 ? 'near' : 'ok';
  const percent = report.used_percent ?? share * 100;
  return (
    <div className="budget-meter">
      <div className="row">
        <span className="budget-label">Database</span>
        <span className="spacer" />
        <span>
          {formatBytes(report.database_bytes)} of {formatBytes(quota)} ({percent.toFixed(1)}%)
        </span>
      </div>
      <meter
        className={`meter meter-${tone}`}
        min={0}
        max={quota}
        low={quota * 0.8}
        high={quota * 0.95}
        optimum={0}
        value={Math.min(report.database_bytes, quota)}
        aria-label={`Database: ${percent.toFixed(1)}% of its quota used`}
      />
    </div>
  );
}

/** The database's size against its quota, what each table holds and how fast it grows. */
export function StoragePanel() {
  const storage = useAdminStorage();
  return (
    <section aria-labelledby="admin-storage-title" className="stack">
      <div className="row">
        <h2 id="admin-storage-title">Storage</h2>
        <span className="spacer" />
        <Button onClick={() => void storage.refetch()} loading={storage.isFetching && !storage.isPending}>
          Measure again
        </Button>
      </div>
      <QueryState query={storage} loadingLabel="Measuring the database…">
        {() => {
          const r = storage.data!;
          const tables = [...r.tables].sort((a, b) => b.bytes - a.bytes);
          const count = (name: string) => r.tables.find((t) => t.name === name)?.rows ?? 0;
          return (
            <>
              <QuotaMeter report={r} />
              {r.warning ? (
                <div className="alert alert-warning" role="alert">
                  {r.warning}
                </div>
              ) : null}
              <dl className="details">
                <dt>Backend</dt>
                <dd>{r.backend === 'postgresql' ? 'PostgreSQL' : 'SQLite'}</dd>
                <dt>Added in the last 7 days</dt>
                <dd>
                  {formatNumber(r.growth.last_7_days.rows)} rows, about {formatBytes(r.growth.last_7_days.bytes)}
                </dd>
                <dt>Added in the last 30 days</dt>
                <dd>
                  {formatNumber(r.growth.last_30_days.rows)} rows, about {formatBytes(r.growth.last_30_days.bytes)}
                </dd>
                <dt>Per document (with its versions)</dt>
                <dd>{count('documents') > 0 ? formatBytes(r.bytes_per_document) : 'no documents yet'}</dd>
                <dt>Per AI generation</dt>
                <dd>{count('generations') > 0 ? formatBytes(r.bytes_per_generation) : 'no generations yet'}</dd>
                <dt>Measured</dt>
                <dd>{formatDateTime(r.measured_at)}</dd>
              </dl>
              <ScrollArea className="table-wrap" label="Database tables">
                <table>
                  <caption>Tables, largest first (sizes include indexes)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Table</th>
                      <th scope="col">Rows</th>
                      <th scope="col">Size</th>
                      <th scope="col">Rows added, 7 days</th>
                      <th scope="col">30 days</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tables.map((t) => (
                      <tr key={t.name}>
                        <td className="break">{t.name}</td>
                        <td>{formatNumber(t.rows)}</td>
                        <td>{formatBytes(t.bytes)}</td>
                        <td>{formatNumber(t.rows_last_7_days)}</td>
                        <td>{formatNumber(t.rows_last_30_days)}</td>
                      </tr>
                    ))}
                    {r.search_index_bytes > 0 ? (
                      <tr>
                        <td>(search index)</td>
                        <td>—</td>
                        <td>{formatBytes(r.search_index_bytes)}</td>
                        <td>—</td>
                        <td>—</td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </ScrollArea>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
