import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { useToast } from '@/components/toast';
import { errorMessage } from '@/lib/problem';
import { downloadExport, type ExportFormat } from '../api/documents-api';

const formats: { format: ExportFormat; label: string }[] = [
  { format: 'md', label: 'Markdown (.md)' },
  { format: 'html', label: 'HTML (.html)' },
  { format: 'json', label: 'JSON (.json)' },
];

/** "Export" disclosure with md/html/json downloads through the API client. */
export function ExportActions({ documentId, title }: { documentId: string; title: string | undefined }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const { notify } = useToast();

  // Close on a click outside.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const name = await downloadExport(documentId, format, title);
      notify(`Downloaded ${name}`);
      setOpen(false);
      toggle.current?.focus();
    } catch (err) {
      notify(`Export failed: ${errorMessage(err)}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div
      ref={root}
      className="menu-details export-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <Button ref={toggle} size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} className="menu-toggle">
        Export
        <span aria-hidden="true" className="menu-caret">
          ▾
        </span>
      </Button>
      <div id={panelId} className="menu-panel" role="group" aria-label="Export formats" hidden={!open}>
        {formats.map((f) => (
          <Button key={f.format} size="sm" variant="ghost" loading={busy === f.format} disabled={!!busy} onClick={() => void run(f.format)}>
            {`Export ${f.label}`}
          </Button>
        ))}
      </div>
    </div>
  );
}
