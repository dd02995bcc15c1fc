import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/spinner';
import {
  CommentsSidebar,
  DocumentComments,
  ReviewPanel,
  SectionCommentButton,
  SelectionCommentButton,
  useReviews,
} from '@/features/collaboration';
import { DocumentScreen, splitSections, useDocument, type DocumentContext, type LintFinding } from '@/features/documents';
import { GenerateStoriesButton, RewriteSectionButton } from '@/features/generations';
import { useProject } from '@/features/projects';
import { useFollowOrg } from '@/lib/auth';
import { isApiError } from '@/lib/problem';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useOrgAi } from './use-org-ai';

/**
 * /documents/:documentId — composes the documents feature with others.
 *
 * AI actions (the generations feature) plug in here through DocumentScreen's
 * slots, without the features importing each other:
 *   toolbarExtra={(ctx) => <GenerateStoriesButton documentId={ctx.document.id} … />}
 *   sectionActions={(section, ctx) => <RewriteSectionButton section={section} onApplied={ctx.reload} … />}
 * `ctx` is a DocumentContext: { document, etag, canEdit, editing, reload }.
 * `ai` (from the ai-settings feature) tells them what the organization
 * generates with, so they can say so when it is not AI.
 *
 * Collaboration (comments, review and approval) plugs in the same way:
 * <DocumentComments> holds the comment state the side panel, the "Comment"
 * buttons beside headings and "Comment on selection" share; the review card
 * sits above the tabs; approval goes through reviews unless the
 * organization requires none.
 */
export function DocumentPage() {
  const { documentId } = useParams();
  const document = useDocument(documentId);
  const project = useProject(document.data?.doc.project_id);
  const ai = useOrgAi(project.data?.org_id);
  // A deep link into another organization makes it the current one.
  useFollowOrg(document.data?.doc.org_id ?? project.data?.org_id);
  const reviews = useReviews(document.data ? documentId : undefined, document.data?.doc.version);
  const content = document.data?.doc.content ?? '';
  const sections = useMemo(() => splitSections(content), [content]);
  useDocumentTitle(document.data?.doc.title ?? 'Document');

  if (document.isPending) return <Loading label="Loading document…" />;
  if (document.isError) {
    if (isApiError(document.error) && document.error.status === 404) {
      return (
        <>
          <PageHeader title="Document not found" />
          <p>This document does not exist, was deleted, or belongs to an organization you are not a member of.</p>
          <Link to="/projects">Back to projects</Link>
        </>
      );
    }
    return <ErrorMessage error={document.error} onRetry={() => void document.refetch()} />;
  }

  const loaded = document.data;
  const projectId = loaded.doc.project_id;
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb no-print">
      <Link to="/projects">Projects</Link> <span aria-hidden="true">/</span>{' '}
      <Link to={`/projects/${projectId}/documents`}>{project.data?.name ?? 'Project'}</Link> <span aria-hidden="true">/</span>{' '}
      <span aria-current="page">{loaded.doc.title || 'Untitled document'}</span>
    </nav>
  );
  const reload = () => document.refetch();
  // AI actions (generations feature) for members, hidden while editing.
  const toolbarExtra = (ctx: DocumentContext) =>
    ctx.canEdit && !ctx.editing && projectId ? <GenerateStoriesButton projectId={projectId} documentId={ctx.document.id ?? ''} ai={ai} /> : null;
  const sectionTitles = (loaded.doc.sections ?? []).map((s) => s.title ?? '').filter(Boolean);
  const sectionActions = (section: string, ctx: DocumentContext) => (
    <>
      {ctx.canEdit && !ctx.editing && projectId && section ? (
        <RewriteSectionButton
          projectId={projectId}
          documentId={ctx.document.id ?? ''}
          section={section}
          sections={sectionTitles}
          onApplied={() => void ctx.reload()}
          ai={ai}
        />
      ) : null}
      {!ctx.editing && section ? <SectionCommentButton section={section} /> : null}
    </>
  );
  // A quality finding in a section: rewrite it with the finding as the instruction.
  const findingActions = (finding: LintFinding, ctx: DocumentContext) =>
    ctx.canEdit && !ctx.editing && projectId && finding.section ? (
      <RewriteSectionButton
        projectId={projectId}
        documentId={ctx.document.id ?? ''}
        section={finding.section}
        sections={sectionTitles}
        instruction={`Fix this: ${finding.message}`}
        label="Fix with AI"
        accessibleName={`Fix with AI: ${finding.message}`}
        onApplied={() => void ctx.reload()}
        ai={ai}
      />
    ) : null;
  // Collaboration (collaboration feature): comments beside the document, review above the tabs.
  // "Comment on selection" lives with the panel: only on the Document tab, never while editing
  // (the editor's preview renders sections too).
  const sidePanel = (ctx: DocumentContext) =>
    ctx.editing ? null : (
      <>
        <CommentsSidebar />
        <SelectionCommentButton />
      </>
    );
  const beforeTabs = (ctx: DocumentContext) => (
    <ReviewPanel
      documentId={ctx.document.id ?? ''}
      orgId={ctx.document.org_id}
      version={ctx.document.version}
      status={ctx.document.status}
      onStatusChanged={() => void ctx.reload()}
    />
  );
  return (
    <DocumentComments documentId={loaded.doc.id ?? ''} orgId={loaded.doc.org_id} version={loaded.doc.version} sections={sections}>
      <DocumentScreen
        loaded={loaded}
        reload={reload}
        breadcrumb={breadcrumb}
        toolbarExtra={toolbarExtra}
        sectionActions={sectionActions}
        findingActions={findingActions}
        sidePanel={sidePanel}
        beforeTabs={beforeTabs}
        approvalThroughReviews={(reviews.data?.required_approvals ?? 1) > 0}
      />
    </DocumentComments>
  );
}
