import { formatNumber, formatUsd } from '@/lib/format';

export interface UsageTableRow {
  key: string;
  label: string;
  generations?: number;
  cached?: number;
  tokens_in?: number;
  tokens_out?: number;
  cost_usd?: number;
}

/** Generations, cached, tokens and cost per row (day, user or model). */
export function UsageTable({ caption, firstColumn, rows }: { caption: string; firstColumn: string; rows: UsageTableRow[] }) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="usage-table" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col" className="num">
              Generations
            </th>
            <th scope="col" className="num">
              Cached
            </th>
            <th scope="col" className="num">
              Tokens in
            </th>
            <th scope="col" className="num">
              Tokens out
            </th>
            <th scope="col" className="num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="usage-row-label">
                {r.label}
              </th>
              <td className="num">{formatNumber(r.generations ?? 0)}</td>
              <td className="num">{formatNumber(r.cached ?? 0)}</td>
              <td className="num">{formatNumber(r.tokens_in ?? 0)}</td>
              <td className="num">{formatNumber(r.tokens_out ?? 0)}</td>
              <td className="num">{formatUsd(r.cost_usd ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
