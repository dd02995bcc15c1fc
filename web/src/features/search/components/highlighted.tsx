import { Fragment } from 'react';
import type { Segment } from '../lib/palette';

/**
 * Search highlights as React text: the server sends pieces of plain text,
 * and only the matching ones are wrapped in <mark>. Nothing is ever parsed
 * as HTML, so a title like "<img onerror…>" shows as those characters.
 */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}
    </>
  );
}
