import { readFileSync } from 'node:fs';

/** The running Voxeron's version, from package.json. */
export const voxeronVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
