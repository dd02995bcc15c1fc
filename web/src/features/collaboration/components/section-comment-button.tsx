import { Button } from '@/components/button';
import { openCountBySection } from '../lib/threads';
import { useOptionalCommentsContext } from './comments-context';

/** "Comment" beside a section heading: starts a thread on that section. */
export function SectionCommentButton({ section }: { section: string }) {
  const ctx = useOptionalCommentsContext();
  if (!ctx || !ctx.viewer.canComment) return null;
  const ref = ctx.sections.find((s) => s.slug && s.title === section);
  const open = ref ? (openCountBySection(ctx.threads, ctx.sections).get(ref.slug) ?? 0) : 0;
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={`Comment on ${section}${open ? ` (${open} open ${open === 1 ? 'thread' : 'threads'})` : ''}`}
      onClick={() => ctx.startThread({ section, label: section })}
    >
      Comment{open ? <span className="badge">{open}</span> : null}
    </Button>
  );
}
