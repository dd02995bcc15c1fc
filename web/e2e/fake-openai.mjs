// A local stand-in for the OpenAI Chat Completions API, speaking its exact
// streaming wire format (SSE `data: {choices:[{delta:{content}}]}` chunks, a
// final chunk with `usage` when stream_options.include_usage, `data: [DONE]`).
// PRISM reaches it through OPENAI_BASE_URL=http://127.0.0.1:<port>/v1, the
// same setting a user would change. It answers by the task in the system
// prompt: a PRD (Markdown), a section rewrite (the section body only) or
// stories (JSON). GET /v1/models lists FAKE_MODELS in OpenAI's format.
// Started with `apiKey`, it answers like OpenAI to a wrong key (401
// invalid_api_key) and to a model it does not have (404 model_not_found),
// so a spec can watch those failures through PRISM's "Test connection".
//
//   node e2e/fake-openai.mjs [port]      — run on its own (prints the port)
//   import { startFakeOpenAi } from './fake-openai.mjs'  — from a spec
import { createServer } from 'node:http';

export const REWRITTEN_MARKER = 'Rewritten by the fake model';
export const FAKE_MODELS = ['test', 'fake-large', 'fake-small'];

function prdText(user) {
  const name = /product[_ ]name[^:]*:\s*(.+)/i.exec(user)?.[1]?.trim() ?? 'The product';
  const filler = user.includes('[slow]') ? '## Background\n\n' + 'This paragraph streams slowly. '.repeat(40) + '\n\n' : '';
  return filler + [
    `## Executive Summary\n\n${name} helps small shops take payments.\n`,
    '## Problem Statement\n\nShop owners lose sales when card terminals fail.\n',
    '## Functional Requirements\n\n- FR-1: Pay by QR code.\n- FR-2: Refund a payment.\n',
    '## Success Metrics\n\n- SM-1: 30% of shops use QR payments within 6 months.\n',
  ].join('\n');
}

function sectionText(user) {
  const instruction = /instruction[^:]*:\s*(.+)/i.exec(user)?.[1]?.trim() ?? 'rewrite';
  return `${REWRITTEN_MARKER} (${instruction.slice(0, 60)}).\n\nShop owners lose about 4% of sales each month when card terminals fail; QR payments remove that dependency.\n`;
}

function storiesText() {
  const story = (n, ref, what) => ({
    title: `Pay with ${what}`,
    as_a: 'shop owner',
    i_want: `to accept ${what}`,
    so_that: 'I do not lose sales',
    acceptance_criteria: [`Given a customer at the till, when they choose ${what}, then the payment is confirmed within 5 seconds`],
    points: n,
    priority: n > 3 ? 'high' : 'medium',
    requirement_ref: ref,
  });
  return JSON.stringify({ stories: [story(3, 'FR-1', 'a QR code'), story(5, 'FR-2', 'a refund link')] });
}

function answerFor(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  // PRISM's "Test connection" asks for one word.
  if (messages.some((m) => /Reply with the single word OK/i.test(String(m.content)))) return 'OK';
  const system = messages.filter((m) => m.role === 'system').map((m) => String(m.content)).join('\n');
  const user = messages.filter((m) => m.role === 'user').map((m) => String(m.content)).join('\n');
  // A PRD's system prompt now carries its template, whose sections may name
  // "User Stories": only the stories prompt turns a PRD *into* user stories.
  if (body.response_format || /into user stories/i.test(system)) return storiesText();
  if (/revising one section/i.test(system)) return sectionText(user);
  return prdText(user);
}

function chunksOf(text, size = 24) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const openAiError = (message, code) => ({ error: { message, type: 'invalid_request_error', param: null, code } });

/**
 * Starts the server; resolves to { port, url, requests, calls, close() }.
 * `requests`: the chat completion bodies; `calls`: every request's method,
 * path and Authorization header. With `apiKey`, only that key is accepted
 * and only FAKE_MODELS exist.
 */
export function startFakeOpenAi({ port = 0, delayMs = 15, apiKey } = {}) {
  const requests = [];
  const calls = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      calls.push({ method: req.method, path: req.url, authorization: req.headers.authorization ?? null });
      if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`) {
        const shown = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        sendJson(res, 401, openAiError(`Incorrect API key provided: ${shown.slice(0, 3)}***${shown.slice(-4)}.`, 'invalid_api_key'));
        return;
      }
      if (req.method === 'GET' && req.url?.endsWith('/models')) {
        sendJson(res, 200, { object: 'list', data: FAKE_MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
        return;
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        sendJson(res, 404, openAiError('not found', null));
        return;
      }
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        sendJson(res, 400, openAiError('bad JSON', null));
        return;
      }
      if (apiKey && !FAKE_MODELS.includes(body.model)) {
        sendJson(res, 404, openAiError(`The model \`${body.model}\` does not exist or you do not have access to it.`, 'model_not_found'));
        return;
      }
      requests.push(body);
      const text = answerFor(body);
      // A brief containing "[slow]" streams slowly, so a test can watch it and cancel it.
      const pause = JSON.stringify(body.messages ?? []).includes('[slow]') ? 400 : delayMs;
      const id = `chatcmpl-${requests.length}`;
      const model = body.model ?? 'test';
      const frame = (obj) => `data: ${JSON.stringify(obj)}\n\n`;
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write(frame({ id, object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
      for (const piece of chunksOf(text)) {
        if (res.destroyed) return;
        res.write(frame({ id, object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }));
        await sleep(pause);
      }
      res.write(frame({ id, object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
      if (body.stream_options?.include_usage) {
        const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
        const completionTokens = Math.ceil(text.length / 4);
        res.write(frame({ id, object: 'chat.completion.chunk', model, choices: [], usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } }));
      }
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        port: actual,
        url: `http://127.0.0.1:${actual}/v1`,
        requests,
        calls,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeOpenAi({ port: Number(process.argv[2]) || 0 });
  console.log(`fake OpenAI at ${fake.url}`);
}
