import { useState } from 'react';
import { Button } from '@/components/button';
import { useToast } from '@/components/toast';
import { errorMessage } from '@/lib/problem';
import { downloadStories, type ExportFormat } from '../api/stories-api';

const formats: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'Export CSV (Jira)' },
  { format: 'md', label: 'Export Markdown' },
  { format: 'json', label: 'Export JSON' },
];

/** Download the backlog as CSV for Jira's importer, Markdown or JSON. */
export function ExportButtons({ projectId, documentId }: { projectId: string; documentId?: string }) {
  const { notify } = useToast();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const name = await downloadStories(projectId, format, documentId);
      notify(`Downloaded ${name}`, 'success');
    } catch (e) {
      notify(`Export failed: ${errorMessage(e)}`, 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="row" role="group" aria-label="Export the backlog">
      {formats.map((f) => (
        <Button key={f.format} size="sm" onClick={() => void run(f.format)} loading={busy === f.format} disabled={busy !== null && busy !== f.format}>
          {f.label}
        </Button>
      ))}
    </div>
  );
}
