import { useRef, type ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { ScrollArea, scrollRegionProps, useScrollsSideways } from './scroll-area';

// Model output and user content are untrusted: no raw HTML (no rehype-raw),
// sanitized output, and only http(s)/mailto or relative links survive.
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  // Relative links and fragments have no scheme before the first / ? or #.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  return '';
}

/** A code block keeps its lines; a long one scrolls inside the block, reachable by keyboard. */
function CodeBlock({ node: _node, ...rest }: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
  const ref = useRef<HTMLPreElement>(null);
  const scrolls = useScrollsSideways(ref);
  return <pre ref={ref} {...rest} {...scrollRegionProps(scrolls, 'Code block')} />;
}

const components: Components = {
  pre: CodeBlock,
  table({ node: _node, ...rest }) {
    return (
      <ScrollArea label="Table" className="markdown-table">
        <table {...rest} />
      </ScrollArea>
    );
  },
  a({ href, children, node: _node, ...rest }) {
    const external = !!href && /^https?:/i.test(href);
    return (
      <a href={href || undefined} {...rest} {...(external ? { target: '_blank', rel: 'noopener noreferrer nofollow' } : {})}>
        {children}
      </a>
    );
  },
};

export interface MarkdownProps {
  children: string;
  className?: string;
  /**
   * Renderers for elements of the sanitized output (e.g. comments show their
   * mentions, links of a marked form, as chips). They see what survived
   * sanitizing and the URL policy, never raw HTML.
   */
  renderers?: Components;
}

export function Markdown({ children, className, renderers }: MarkdownProps) {
  return (
    <div className={['markdown', className ?? ''].filter(Boolean).join(' ')}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        urlTransform={safeUrl}
        components={renderers ? { ...components, ...renderers } : components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
