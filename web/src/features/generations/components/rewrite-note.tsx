/** What the server said about a section rewrite's answer, e.g. that other sections the model wrote were left out. */
export function RewriteNote({ note }: { note: string }) {
  return (
    <div className="alert" role="note" aria-label="About this proposal">
      <p>{note}</p>
    </div>
  );
}
