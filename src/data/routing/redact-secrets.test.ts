import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from './redact-secrets.ts';

void describe('redactSecrets', () => {
  void it('blanks the configured keys wherever a vendor echoes them', () => {
    const key = 'dg-3f9a1c7e';
    assert.equal(
      redactSecrets(`401 from wss://api.example/listen (key ${key} rejected)`, [key]),
      '401 from wss://api.example/listen (key [redacted] rejected)',
    );
  });

  void it('blanks credential-shaped text it was not told about', () => {
    const cases: [string, RegExp][] = [
      ['Authorization: Token 0123456789abcdef0123', /Authorization: \[redacted\]/],
      ['header Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl', /Bearer \[redacted\]/],
      ['GET /v1/speak?api_key=abc123&voice=x failed', /api_key=\[redacted\]&voice=x/],
      ['{"xi-api-key": "s3cr3t-value"} refused', /"xi-api-key": "\[redacted\]"/],
      ['connect wss://me:hunter2@host/ws refused', /wss:\/\/\[redacted\]@host/],
      ['invalid key sk-proj-ABCDEFGHIJKLMNOPQRST', /invalid key \[redacted\]/],
      ['bad key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b', /bad key \[redacted\]/],
    ];
    for (const [message, expected] of cases) {
      const text = redactSecrets(message);
      assert.match(text, expected, text);
    }
  });

  void it('keeps ordinary error text readable', () => {
    const message = 'upstream closed the stream (code 1011): first token timeout after 800 ms';
    assert.equal(redactSecrets(message), message);
    assert.equal(redactSecrets('the token was rejected'), 'the token was rejected');
  });

  void it('cuts long messages to the contract length', () => {
    const text = redactSecrets('x '.repeat(1000), [], 500);
    assert.equal(text.length, 500);
    assert.ok(text.endsWith('…'));
  });
});
