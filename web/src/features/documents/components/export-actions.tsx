import { useRef, useState } from 'react';
import { Button } from '@/components/button';
import { useToast } from '@/components/toast';
import { errorMessage } from '@/lib/problem';
import { downloadExport, type ExportFormat } from '../api/documents-api';

const formats: { format: ExportFormat; label: string }[] = [
  { format: 'md', label: 'Markdown (.md)' },
  { format: 'html', label: 'HTML (.html)' },
  { format: 'json', label: 'JSON (.json)' },
];

/** "Export" menu (a native disclosure) downloading md/html/json through the API client. */
export function ExportActions({ documentId, title }: { documentId: string; title: string | undefined }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const details = useRef<HTMLDetailsElement>(null);
  const { notify } = useToast();
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const name = await downloadExport(documentId, format, title);
      notify(`Downloaded ${name}`);
      if (details.current) details.current.open = false;
    } catch (err) {
      notify(`Export failed: ${errorMessage(err)}`, 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <details
      ref={details}
      className="menu-details export-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && details.current?.open) {
          details.current.open = false;
          details.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="btn btn-sm">Export</summary>
      <div className="menu-panel" role="group" aria-label="Export formats">
        {formats.map((f) => (
          <Button key={f.format} size="sm" variant="ghost" loading={busy === f.format} disabled={!!busy} onClick={() => void run(f.format)}>
            {`Export ${f.label}`}
          </Button>
        ))}
      </div>
    </details>
  );
}
