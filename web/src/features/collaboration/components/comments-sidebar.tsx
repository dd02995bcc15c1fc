import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { groupThreads } from '../lib/threads';
import { useCommentsContext } from './comments-context';
import { CommentsPanel } from './comments-panel';

/**
 * The comments beside the document on wide screens; on narrow ones a bar
 * with the number of open threads that opens them in a drawer.
 */
export function CommentsSidebar() {
  const ctx = useCommentsContext();
  if (ctx.wide) {
    return (
      <div className="collab-side">
        <CommentsPanel />
      </div>
    );
  }
  const { open } = groupThreads(ctx.threads, ctx.sections, false);
  return (
    <div className="collab-bar">
      <span>{ctx.comments.data ? `${open} open ${open === 1 ? 'comment thread' : 'comment threads'}` : 'Comments'}</span>
      <Button size="sm" onClick={() => ctx.setDrawerOpen(true)} aria-haspopup="dialog">
        Show comments
      </Button>
      <Dialog open={ctx.drawerOpen} onClose={() => ctx.setDrawerOpen(false)} title="Comments" className="drawer">
        <CommentsPanel headingLevel={3} inDrawer />
      </Dialog>
    </div>
  );
}
