// Without SMTP_URL, prism writes each e-mail into its log. Specs read the
// links (verification, password reset, invitation) from there.
import { readFile } from 'node:fs/promises';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The newest link in an e-mail to `to` whose path starts with `pathPrefix`
 * (e.g. "/invitations/"), returned as a path + query relative to the app.
 * Waits up to `timeoutMs` for the mail to appear.
 */
export async function findMailLink(to, pathPrefix, { timeoutMs = 10_000, after = 0 } = {}) {
  const logFile = process.env.E2E_PRISM_LOG;
  if (!logFile) throw new Error('E2E_PRISM_LOG is not set: run the specs through `npm run e2e`');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await readFile(logFile, 'utf8');
    const blocks = log.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
    let found = null;
    let seen = 0;
    for (const block of blocks) {
      if (!block.includes('mail not sent') || !block.includes(`to=${to} `)) continue;
      for (const m of block.matchAll(/https?:\/\/[^\s"]+/g)) {
        const url = new URL(m[0]);
        if (url.pathname.startsWith(pathPrefix)) {
          seen += 1;
          if (seen > after) found = url.pathname + url.search;
        }
      }
    }
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} with a ${pathPrefix} link in ${logFile}`);
    await sleep(200);
  }
}
