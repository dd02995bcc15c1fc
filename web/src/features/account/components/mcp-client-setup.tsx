import { useState } from 'react';
import { CopyButton } from '@/components/copy-button';
import { Tabs } from '@/components/tabs';
import { useMcpUrl } from '../api/account-api';

export type McpClient = 'claude-code' | 'json';

/** The configuration each MCP client takes for PRISM's /mcp with a bearer token. */
export function mcpSnippet(client: McpClient, url: string, token: string): string {
  if (client === 'claude-code') {
    return `claude mcp add --transport http prism ${url} --header "Authorization: Bearer ${token}"`;
  }
  return JSON.stringify({ mcpServers: { prism: { url, headers: { Authorization: `Bearer ${token}` } } } }, null, 2);
}

const clients: { id: McpClient; label: string; copy: string; hint: string }[] = [
  { id: 'claude-code', label: 'Claude Code', copy: 'Copy Claude Code command', hint: 'Run this in a terminal.' },
  {
    id: 'json',
    label: 'JSON',
    copy: 'Copy JSON configuration',
    hint: 'For Cursor, VS Code and other clients configured by JSON: add this to their MCP configuration, e.g. .cursor/mcp.json.',
  },
];

/** Ready-to-paste MCP client configuration for a token just created. */
export function McpClientSetup({ token }: { token: string }) {
  const mcpUrl = useMcpUrl();
  const [client, setClient] = useState<McpClient>('claude-code');
  const current = clients.find((c) => c.id === client) ?? clients[0];
  const snippet = mcpUrl.data ? mcpSnippet(client, mcpUrl.data, token) : '';

  return (
    <section aria-labelledby="mcp-setup-title" style={{ marginTop: '1rem' }}>
      <h3 id="mcp-setup-title">Use it from a coding agent (MCP)</h3>
      <p className="muted small">
        PRISM’s MCP endpoint: <code className="break">{mcpUrl.data ?? '…'}</code>
      </p>
      <Tabs label="MCP client" items={clients} value={client} onChange={(id) => setClient(id as McpClient)}>
        <p className="muted small">{current.hint}</p>
        {/* Long tokens wrap inside the box instead of widening the dialog. */}
        <pre
          className="secret"
          data-testid={`mcp-snippet-${client}`}
          style={{ whiteSpace: 'pre-wrap', margin: 0 }}
        >
          {snippet}
        </pre>
        <p style={{ marginTop: '0.75rem' }}>
          <CopyButton text={snippet} label={current.copy} />
        </p>
      </Tabs>
    </section>
  );
}
