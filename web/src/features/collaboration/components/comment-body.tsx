import { useId, useMemo } from 'react';
import type { Components } from 'react-markdown';
import { Markdown } from '@/components/markdown';
import { mentionIdFromHref, withMentionLinks } from '../lib/mentions';

/**
 * A comment's Markdown through the documents' sanitizing renderer, with each
 * `@[Name](user_id)` shown as an "@Name" chip. The chips are links of a form
 * only this render knows (a per-instance nonce), so a plain link in the text
 * cannot pass itself off as a mention.
 */
export function CommentBody({ body }: { body: string }) {
  const nonce = useId().replace(/[^A-Za-z0-9]/g, '');
  const markdown = useMemo(() => withMentionLinks(body, nonce), [body, nonce]);
  const renderers = useMemo<Components>(
    () => ({
      a({ href, children, node: _node, ...rest }) {
        const userId = mentionIdFromHref(nonce, href);
        if (userId) {
          return (
            <span className="mention-chip" data-user-id={userId}>
              {children}
            </span>
          );
        }
        const external = !!href && /^https?:/i.test(href);
        return (
          <a href={href || undefined} {...rest} {...(external ? { target: '_blank', rel: 'noopener noreferrer nofollow' } : {})}>
            {children}
          </a>
        );
      },
    }),
    [nonce],
  );
  return <Markdown className="comment-body" renderers={renderers}>{markdown}</Markdown>;
}
