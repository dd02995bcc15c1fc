import type { AiProviderErrorCode } from '../api/ai-settings-api';

/**
 * A heading per failure of "Test connection" (and of the model list). The
 * server writes the message itself; the heading names the problem at a glance.
 */
export const connectionErrorHeadings: Record<AiProviderErrorCode, string> = {
  invalid_key: 'Wrong API key',
  model_not_found: 'No such model',
  quota: 'Quota or rate limit reached',
  unreachable: 'Cannot reach the provider',
  tls: 'Secure connection failed',
  timeout: 'The provider did not answer in time',
  base_url_refused: 'Base URL not allowed',
  key_unreadable: 'The saved key cannot be read',
  bad_request: 'The provider refused the request',
  bad_response: 'Unexpected answer from the provider',
};

export function connectionErrorHeading(code: string): string {
  return connectionErrorHeadings[code as AiProviderErrorCode] ?? 'The connection failed';
}
