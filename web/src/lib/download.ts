/**
 * Saves a fetched file the way a link with `download` would, under the name
 * its Content-Disposition gives (RFC 6266, `filename*=UTF-8''…` too), else
 * `fallback`. Answers the name used.
 */
export async function saveResponseAsFile(res: Response, fallback: string): Promise<string> {
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const filename = match ? decodeURIComponent(match[1]) : fallback;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return filename;
}
