import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateJsonSchemas, renderJsonSchema } from './json-schema.ts';

const schemaRoot = fileURLToPath(new URL('../../schemas/v1/', import.meta.url));
const policy =
  'add a v2 beside it instead of editing v1 (docs/adr/0003-versioned-contracts.md, src/contracts/README.md)';

function committedFiles(): string[] {
  if (!existsSync(schemaRoot)) return [];
  return readdirSync(schemaRoot, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name).slice(schemaRoot.length).split(sep).join('/'),
    )
    .sort();
}

void describe('published v1 JSON Schemas', () => {
  const generated = generateJsonSchemas();

  void it('covers every contract surface', () => {
    const files = [...generated.keys()];
    for (const expected of [
      'tools/create_pos_order.input.v1.json',
      'tools/get_menu.output.v1.json',
      'events/envelope.v1.json',
      'events/OrderCreated.v1.json',
      'events/ActionStateChanged.v1.json',
      'events/VendorFailover.v1.json',
      'events/envelope.v2.json',
      'events/domain-event.v2.json',
      'actions/action.v1.json',
      'actions/transition.v1.json',
      'edge/job_offer.v1.json',
      'edge/edge-message.v1.json',
      'menu/voxeron.menu.v1.json',
      'routing/model-policy.v1.json',
      'routing/vendor-route.v1.json',
    ]) {
      assert.ok(files.includes(expected), `${expected} is not generated`);
    }
    assert.equal(files.filter((file) => file.startsWith('events/')).length, 17);
    assert.equal(files.filter((file) => file.startsWith('tools/')).length, 10);
    assert.equal(files.filter((file) => file.startsWith('edge/')).length, 11);
  });

  void it('are draft 2020-12 and reject unknown keys at the top level', () => {
    for (const [file, schema] of generated) {
      const json = schema as Record<string, unknown>;
      assert.equal(json.$schema, 'https://json-schema.org/draft/2020-12/schema', file);
      if (json.type === 'object') assert.equal(json.additionalProperties, false, file);
    }
  });

  void it('are generated deterministically', () => {
    const again = generateJsonSchemas();
    for (const [file, schema] of generated) {
      assert.equal(renderJsonSchema(again.get(file)!), renderJsonSchema(schema), file);
    }
  });

  void it('equal their committed files byte for byte', () => {
    for (const [file, schema] of generated) {
      const path = join(schemaRoot, file);
      assert.ok(
        existsSync(path),
        `schema ${file} is generated but not committed: run \`node --import tsx scripts/write-schemas.ts\``,
      );
      assert.ok(
        readFileSync(path, 'utf8') === renderJsonSchema(schema),
        `published v1 schema ${file} changed: ${policy}`,
      );
    }
  });

  void it('leave no committed file without its generator', () => {
    const orphans = committedFiles().filter((file) => !generated.has(file));
    assert.deepEqual(
      orphans,
      [],
      `published v1 schema ${orphans.join(', ')} is no longer generated: a published v1 schema is never removed; ${policy}`,
    );
  });
});
