import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('errorText', () => {
  const refusal = new Error(
    JSON.stringify([
      { path: ['url'], message: 'plain http would send the token unencrypted' },
      { path: ['fingerprint'], message: 'a SHA-256 fingerprint is 64 hex digits' },
    ]),
  );

  it('puts each refused field on a line, named as the form names it', () => {
    expect(errorText(refusal, { url: 'Agent URL', fingerprint: 'Certificate fingerprint' })).toBe(
      'Agent URL: plain http would send the token unencrypted\nCertificate fingerprint: a SHA-256 fingerprint is 64 hex digits',
    );
  });

  it('falls back to the field path, and to the message when it is not a list of issues', () => {
    expect(errorText(refusal)).toMatch(/^url: plain http/);
    expect(errorText(new Error('The agent at https://h did not answer (ECONNREFUSED).'))).toBe(
      'The agent at https://h did not answer (ECONNREFUSED).',
    );
  });
});
