import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AddressNotAllowedError,
  allowedAddresses,
  systemResolver,
  type HostResolver,
  type ResolvedAddress,
} from './allowed-addresses.ts';
import { Retry } from '../errors.ts';

const signal = () => AbortSignal.timeout(5000);
/** A resolver with fixed answers; counts its calls. */
function fixedResolver(names: Record<string, ResolvedAddress[]>) {
  const calls: string[] = [];
  const resolver: HostResolver = (hostname) => {
    calls.push(hostname);
    return Promise.resolve(names[hostname] ?? []);
  };
  return { resolver, calls };
}

const refusal = (pattern: RegExp) => (error: unknown) =>
  error instanceof AddressNotAllowedError &&
  error.code === 'address_not_allowed' &&
  error.retry === Retry.never &&
  pattern.test(error.message);

describe('allowedAddresses', () => {
  it('returns every address of a name that resolves to public addresses only', async () => {
    const { resolver } = fixedResolver({
      'hooks.example.com': [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
    });
    assert.deepEqual(await allowedAddresses('hooks.example.com', { signal: signal(), resolver }), [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
  });

  it('refuses a name when ANY of its addresses is not public, naming the address and range', async () => {
    const { resolver } = fixedResolver({
      'hooks.example.com': [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
    });
    await assert.rejects(
      allowedAddresses('hooks.example.com', { signal: signal(), resolver }),
      refusal(/^hooks\.example\.com resolves to 10\.0\.0\.5 \(private\)/),
    );
  });

  it('judges IP literals without asking the resolver', async () => {
    const { resolver, calls } = fixedResolver({});
    for (const [host, pattern] of [
      ['169.254.169.254', /^169\.254\.169\.254 is not public \(link-local\)/],
      ['[::1]', /^::1 is not public \(loopback\)/],
      ['[::ffff:127.0.0.1]', /^::ffff:127\.0\.0\.1 is not public \(loopback\)/],
      ['100.64.0.1', /\(cgnat\)/],
    ] as const) {
      await assert.rejects(
        allowedAddresses(host, { signal: signal(), resolver }),
        refusal(pattern),
      );
    }
    assert.deepEqual(await allowedAddresses('8.8.8.8', { signal: signal(), resolver }), [
      { address: '8.8.8.8', family: 4 },
    ]);
    assert.deepEqual(calls, []);
  });

  it('accepts private addresses when told to', async () => {
    const { resolver } = fixedResolver({ 'receiver.test': [{ address: '127.0.0.1', family: 4 }] });
    assert.deepEqual(
      await allowedAddresses('receiver.test', {
        signal: signal(),
        resolver,
        allowPrivateAddresses: true,
      }),
      [{ address: '127.0.0.1', family: 4 }],
    );
  });

  it('fails a name without addresses as ENOTFOUND', async () => {
    const { resolver } = fixedResolver({});
    await assert.rejects(
      allowedAddresses('nowhere.example.com', { signal: signal(), resolver }),
      (error: unknown) => (error as { code?: string }).code === 'ENOTFOUND',
    );
  });

  it('resolves localhost through the system resolver and refuses it', async () => {
    await assert.rejects(
      allowedAddresses('localhost', { signal: signal() }),
      refusal(/^localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/),
    );
  });

  it('stops waiting for the system resolver when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort(new Error('hung up'));
    await assert.rejects(systemResolver('example.com', controller.signal), {
      name: 'AbortedError',
    });
  });
});
