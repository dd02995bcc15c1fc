import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageHeader } from '@/components/page-header';
import { Tabs } from '@/components/tabs';
import { useToast } from '@/components/toast';
import { roleAtLeast, useRoleIn } from '@/lib/auth';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useDeleteDocument, useStoreDocument, type Doc, type LintFinding, type LoadedDocument } from '../api/documents-api';
import { focusSection, type Section } from '../lib/sections';
import { SharesPanel } from '../shares/components/shares-panel';
import { DocumentEditor } from './document-editor';
import { DocumentOutline } from './document-outline';
import { DocumentView } from './document-view';
import { ExportActions } from './export-actions';
import { LintPanel } from './lint-panel';
import { StatusActions } from './status-actions';
import { StatusBadge } from './status-badge';
import { UnsavedChangesGuard } from './unsaved-changes-guard';
import { VersionsPanel } from './versions-panel';
import '../documents.css';
import { RoleNote } from '@/components/role-note';

/** What slot renderers (e.g. AI actions from the generations feature) get to work with. */
export interface DocumentContext {
  document: Doc;
  /** The current ETag, for callers that PATCH. */
  etag: string;
  /** The user may change the document (member or above). */
  canEdit: boolean;
  /** The editor is open (slot actions may want to hide while editing). */
  editing: boolean;
  /** Re-fetch the document (e.g. after an AI proposal was applied as a new version). */
  reload: () => Promise<unknown>;
}

export interface DocumentScreenProps {
  loaded: LoadedDocument;
  /** Re-fetches the document query. */
  reload: () => Promise<unknown>;
  /** Breadcrumb above the title. */
  breadcrumb?: ReactNode;
  /** Extra toolbar controls (e.g. "Generate stories"). */
  toolbarExtra?: ReactNode | ((ctx: DocumentContext) => ReactNode);
  /** Extra controls next to each `##` section heading (e.g. "Rewrite section"); `section` is the heading text. */
  sectionActions?: (section: string, ctx: DocumentContext) => ReactNode;
  /** Extra controls on a quality finding that names a section (e.g. "Fix with AI"). */
  findingActions?: (finding: LintFinding, ctx: DocumentContext) => ReactNode;
  /** A panel beside the rendered document on the Document tab (e.g. comments). */
  sidePanel?: (ctx: DocumentContext) => ReactNode;
  /** Shown between the toolbar and the tabs (e.g. the review and approval state). */
  beforeTabs?: (ctx: DocumentContext) => ReactNode;
  /** Approval comes from reviewers: the status actions offer no "Approve". */
  approvalThroughReviews?: boolean;
}

type TabId = 'document' | 'versions' | 'quality' | 'share';
const tabIds: TabId[] = ['document', 'versions', 'quality', 'share'];
const isTabId = (v: string | null): v is TabId => !!v && (tabIds as string[]).includes(v);

/** `?tab=versions&from=3&to=5` opens the Versions tab comparing those versions. */
function linkedCompare(params: URLSearchParams): { from: number; to: number } | undefined {
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  return Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0 && from !== to ? { from, to } : undefined;
}

/** The document page body: header, status workflow, toolbar, view/edit, versions, lint, sharing. */
export function DocumentScreen({
  loaded,
  reload,
  breadcrumb,
  toolbarExtra,
  sectionActions,
  findingActions,
  sidePanel,
  beforeTabs,
  approvalThroughReviews = false,
}: DocumentScreenProps) {
  const { doc, etag } = loaded;
  const id = doc.id ?? '';
  const role = useRoleIn(doc.org_id);
  const canEdit = roleAtLeast(role, 'member');
  const [editing, setEditing] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [params] = useSearchParams();
  const linkedTab = params.get('tab');
  const [tab, setTab] = useState<TabId>(() => (isTabId(linkedTab) ? linkedTab : 'document'));
  const compare = linkedCompare(params);
  const [pendingSection, setPendingSection] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const store = useStoreDocument();
  const remove = useDeleteDocument(id, doc.project_id);
  const navigate = useNavigate();
  const { notify } = useToast();
  const content = doc.content ?? '';
  const ctx: DocumentContext = { document: doc, etag, canEdit, editing, reload };

  // A link to a tab (e.g. "What changed since approval") opens it.
  useEffect(() => {
    if (isTabId(linkedTab)) setTab(linkedTab);
  }, [linkedTab, params]);

  // Going to a section may first need the Document tab to render.
  useEffect(() => {
    if (!pendingSection || tab !== 'document' || editing) return;
    const t = window.setTimeout(() => {
      focusSection(pendingSection);
      setPendingSection(null);
    }, 0);
    return () => window.clearTimeout(t);
  }, [pendingSection, tab, editing]);

  const goToSection = useCallback((slug: string) => {
    setTab('document');
    setPendingSection(slug);
  }, []);

  const print = () => {
    setTab('document');
    window.setTimeout(() => window.print(), 50);
  };

  const change = doc.last_change;
  const header = (
    <PageHeader
      title={doc.title || 'Untitled document'}
      description={
        <span className="doc-meta">
          <StatusBadge status={doc.status} />
          <span>Version {doc.version}</span>
          <span>
            Updated{' '}
            <time dateTime={doc.updated_at} title={formatDateTime(doc.updated_at)}>
              {formatRelative(doc.updated_at)}
            </time>
            {change?.author_name ? ` by ${change.author_name}` : change?.source === 'ai' ? ' by an AI generation' : ''}
          </span>
        </span>
      }
      actions={
        canEdit && !editing ? <StatusActions loaded={loaded} onStale={() => void reload()} approvalThroughReviews={approvalThroughReviews} /> : null
      }
    />
  );

  if (editing) {
    return (
      <div className="doc-page">
        {breadcrumb}
        {header}
        <DocumentEditor
          initial={loaded}
          onSaved={store}
          onLoaded={store}
          onDone={() => setEditing(false)}
          onDirtyChange={setDirty}
        />
        <UnsavedChangesGuard when={dirty} />
      </div>
    );
  }

  const extra = typeof toolbarExtra === 'function' ? toolbarExtra(ctx) : toolbarExtra;
  const side = sidePanel?.(ctx);
  const tabs = [
    { id: 'document', label: 'Document' },
    { id: 'versions', label: 'Versions' },
    { id: 'quality', label: 'Quality' },
    ...(canEdit ? [{ id: 'share', label: 'Share' }] : []),
  ];

  return (
    <div className="doc-page doc-print-root">
      {breadcrumb}
      {header}
      <div className="doc-toolbar no-print" role="group" aria-label="Document actions">
        {canEdit ? (
          <Button variant="primary" size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
        ) : null}
        <ExportActions documentId={id} title={doc.title} />
        <Button size="sm" onClick={print}>
          Print / PDF
        </Button>
        {extra ? <div className="doc-toolbar-extra">{extra}</div> : null}
        {canEdit ? (
          <Button size="sm" variant="ghost" className="doc-delete" onClick={() => setDeleting(true)}>
            Delete document
          </Button>
        ) : null}
      </div>
      {canEdit ? null : <RoleNote role={role} needed="member" action="editing, sharing, restoring and rewriting documents with AI" />}
      {beforeTabs?.(ctx)}
      <Tabs label="Document views" items={tabs} value={tab} onChange={(t) => setTab(t as TabId)}>
        {tab === 'document' ? (
          <div className={side ? 'doc-layout has-side' : 'doc-layout'}>
            <aside className="doc-aside no-print">
              <DocumentOutline content={content} onSelect={goToSection} />
            </aside>
            <DocumentView
              content={content}
              label={doc.title}
              sectionActions={sectionActions ? (s: Section) => sectionActions(s.title, ctx) : undefined}
            />
            {side ? <div className="doc-side no-print">{side}</div> : null}
          </div>
        ) : tab === 'versions' ? (
          <VersionsPanel
            key={compare ? `${compare.from}-${compare.to}` : 'latest'}
            documentId={id}
            currentVersion={doc.version ?? 0}
            canEdit={canEdit}
            onRestored={store}
            initialCompare={compare}
          />
        ) : tab === 'quality' ? (
          <LintPanel
            documentId={id}
            version={doc.version}
            content={content}
            onSelectSection={goToSection}
            findingActions={findingActions ? (f) => findingActions(f, ctx) : undefined}
          />
        ) : (
          <SharesPanel documentId={id} canManage={canEdit} />
        )}
      </Tabs>
      <ConfirmDialog
        open={deleting}
        title="Delete this document?"
        confirmLabel="Delete document"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notify(`“${doc.title ?? 'Document'}” moved to the trash`);
              navigate(doc.project_id ? `/projects/${doc.project_id}/documents` : '/projects');
            },
          })
        }
      >
        <p>
          “{doc.title}” moves to the organization’s trash with all its versions, and its share links stop working while it is there.
          Administrators, and you, can restore it from Organization → Trash until it is purged.
        </p>
      </ConfirmDialog>
    </div>
  );
}

