/**
 * Writes the generated v1 JSON Schemas to `schemas/v1/`. New files are written; a committed file
 * whose schema changed is refused (exit 1), because a published v1 schema is immutable — add a
 * v2 beside it instead. `--force` overwrites anyway, for an unpublished schema still in review.
 *
 *   node --import tsx scripts/write-schemas.ts [--force]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJsonSchemas, renderJsonSchema } from '../src/contracts/json-schema.ts';

const schemaRoot = fileURLToPath(new URL('../schemas/v1/', import.meta.url));

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function main(args: string[]): Promise<number> {
  const force = args.includes('--force');
  const counts = { written: 0, unchanged: 0, refused: 0 };
  for (const [file, schema] of generateJsonSchemas()) {
    const path = join(schemaRoot, file);
    const text = renderJsonSchema(schema);
    const committed = await readIfPresent(path);
    if (committed === text) {
      counts.unchanged += 1;
      continue;
    }
    if (committed !== undefined && !force) {
      process.stderr.write(
        `refused: published v1 schema ${file} changed: add a v2 beside it instead of editing v1\n`,
      );
      counts.refused += 1;
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    process.stdout.write(`${committed === undefined ? 'added' : 'overwrote'} schemas/v1/${file}\n`);
    counts.written += 1;
  }
  process.stdout.write(
    `${counts.written} written, ${counts.unchanged} unchanged, ${counts.refused} refused\n`,
  );
  return counts.refused > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
