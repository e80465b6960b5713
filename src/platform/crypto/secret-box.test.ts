import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../errors.ts';
import { loadSecretBox } from './load-secret-box.ts';
import {
  formatSecretKeys,
  newSecretKey,
  parseSecretKeys,
  SecretBox,
  SecretUnreadableError,
} from './secret-box.ts';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

void describe('secret box', () => {
  void it('seals a secret so that the stored form does not contain it, and opens it again', () => {
    const box = new SecretBox([newSecretKey('k1')]);
    const sealed = box.seal(secret, 'row-1');
    assert.ok(SecretBox.isSealed(sealed));
    assert.ok(!sealed.includes(secret.slice(6)), 'no plaintext in the stored form');
    assert.notEqual(box.seal(secret, 'row-1'), sealed, 'a fresh IV each time');
    assert.equal(box.open(sealed, 'row-1'), secret);
    assert.equal(SecretBox.isSealed(secret), false);
  });

  void it('refuses a value moved to another row, or changed', () => {
    const box = new SecretBox([newSecretKey('k1')]);
    const sealed = box.seal(secret, 'row-1');
    assert.throws(() => box.open(sealed, 'row-2'), SecretUnreadableError);
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    const changed = `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`;
    assert.throws(() => box.open(changed, 'row-1'), SecretUnreadableError);
  });

  void it('rotates keys: the first key seals, older keys still open what they sealed', () => {
    const old = newSecretKey('k1');
    const sealedByOld = new SecretBox([old]).seal(secret, 'row-1');
    const rotated = new SecretBox([newSecretKey('k2'), old]);
    assert.equal(rotated.open(sealedByOld, 'row-1'), secret);
    assert.match(rotated.seal(secret, 'row-1'), /^v1\.k2\./);
    const withoutOld = new SecretBox([newSecretKey('k2')]);
    assert.throws(() => withoutOld.open(sealedByOld, 'row-1'), /key "k1", which is not configured/);
  });

  void it('rejects bad keys with the fix', () => {
    assert.throws(() => new SecretBox([]), ConfigError);
    assert.throws(() => new SecretBox([{ id: 'k1', key: Buffer.alloc(16) }]), /32 bytes, not 16/);
    assert.throws(() => new SecretBox([{ id: 'K 1', key: Buffer.alloc(32) }]), /key id/);
    assert.throws(() => parseSecretKeys('no-colon'), /<id>:<base64 of 32 bytes>/);
    const keys = [newSecretKey('a'), newSecretKey('b')];
    assert.deepEqual(parseSecretKeys(formatSecretKeys(keys)), keys);
  });

  void it('generates one key per data dir when none is configured, private to its user', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'voxeron-secrets-'));
    const sealed = loadSecretBox({ dataDir }).seal(secret, 'row-1');
    assert.equal(loadSecretBox({ dataDir }).open(sealed, 'row-1'), secret, 'the same key again');
    const file = path.join(dataDir, 'secret-keys.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const configured = formatSecretKeys([newSecretKey('ops1')]);
    assert.match(
      loadSecretBox({ dataDir, secretsKeys: configured }).seal(secret, 'r'),
      /^v1\.ops1\./,
    );
    assert.ok(JSON.parse(readFileSync(file, 'utf8')).keys.startsWith('local1:'));
  });
});
