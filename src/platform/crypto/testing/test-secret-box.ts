import { SecretBox } from '../secret-box.ts';

/**
 * One fixed key for tests, so that a webhook secret sealed by the API in one test process is
 * opened by a dispatcher built elsewhere in it. Never used outside tests.
 */
export const testSecretBox = new SecretBox([{ id: 'test', key: Buffer.alloc(32, 7) }]);
