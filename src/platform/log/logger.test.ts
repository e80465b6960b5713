import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    lines,
    destination: destination as unknown as NodeJS.WritableStream & { write(msg: string): void },
  };
}

describe('logger', () => {
  it('never writes phone numbers, names or addresses held in personal-data fields', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    logger.info(
      {
        pii: { phone: '+31612345678', name: 'Anna de Vries' },
        order: {
          customer: { name: 'Anna de Vries', phone: '+31612345678' },
          address: { street: 'Prinsengracht 263' },
        },
        phone: '+31612345678',
        sessionId: 's-1',
      },
      'order confirmed',
    );
    const text = lines.join('');
    assert.match(text, /order confirmed/);
    assert.match(text, /s-1/);
    for (const secret of ['+31612345678', 'Anna', 'Prinsengracht'])
      assert.ok(!text.includes(secret), `${secret} leaked`);
    assert.match(text, /\[redacted\]/);
  });
});
