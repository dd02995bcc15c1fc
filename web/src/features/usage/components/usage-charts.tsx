import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatUsd } from '@/lib/format';

export interface DayPoint {
  day: string;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
}

export interface ModelPoint {
  model: string;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
}

const axis = { fill: '#7c7c93', fontSize: 12 };
const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };

/** Tokens (bars) and cost (line, right axis) per day; recharts, loaded lazily by the usage page. */
export function DailyChart({ data }: { data: DayPoint[] }) {
  return (
    <div className="chart" role="img" aria-label={`Tokens and cost per day, ${data.length} days. The per-day numbers are listed below.`}>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#9ca3af55" />
          <XAxis dataKey="day" tick={axis} tickFormatter={(d: string) => d.slice(5)} minTickGap={12} />
          <YAxis yAxisId="tokens" tick={axis} tickFormatter={(v: number) => formatNumber(v)} width={64} />
          <YAxis yAxisId="cost" orientation="right" tick={axis} tickFormatter={(v: number) => formatUsd(v)} width={64} />
          <Tooltip
            contentStyle={tooltipStyle}
            formatter={(value: number, name: string) => [name === 'Cost' ? formatUsd(value) : formatNumber(value), name]}
          />
          <Legend />
          <Bar isAnimationActive={false} yAxisId="tokens" dataKey="tokens_in" name="Tokens in" stackId="t" fill="#6366f1" />
          <Bar isAnimationActive={false} yAxisId="tokens" dataKey="tokens_out" name="Tokens out" stackId="t" fill="#16a34a" />
          <Line isAnimationActive={false} yAxisId="cost" dataKey="cost_usd" name="Cost" type="monotone" stroke="#d97706" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Tokens per model. */
export function ModelChart({ data }: { data: ModelPoint[] }) {
  const height = Math.max(140, 48 * data.length + 60);
  return (
    <div className="chart" role="img" aria-label={`Tokens per model, ${data.length} models. The table below has the numbers.`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#9ca3af55" />
          <XAxis type="number" tick={axis} tickFormatter={(v: number) => formatNumber(v)} />
          <YAxis type="category" dataKey="model" tick={axis} width={150} />
          <Tooltip contentStyle={tooltipStyle} formatter={(value: number, name: string) => [formatNumber(value), name]} />
          <Legend />
          <Bar isAnimationActive={false} dataKey="tokens_in" name="Tokens in" stackId="t" fill="#6366f1" />
          <Bar isAnimationActive={false} dataKey="tokens_out" name="Tokens out" stackId="t" fill="#16a34a" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
