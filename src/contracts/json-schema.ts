/**
 * JSON Schema (draft 2020-12) of every v1 contract, generated from the zod schemas. The output
 * is committed under `schemas/v1/` (by `scripts/write-schemas.ts`) and a test compares the two
 * byte for byte: a published v1 schema never changes; a change is a v2 beside it.
 */
import { z } from 'zod';
import { Action } from './actions/action.ts';
import { AllowedActionTransition } from './actions/action-transitions.ts';
import { EdgeMessage, edgeMessageSchemas } from './edge/edge-message.ts';
import { DomainEvent, DomainEventV1, eventSchemas } from './events/domain-event.ts';
import { EventEnvelope, EventEnvelopeV1 } from './events/envelope.ts';
import { EventType } from './events/event-type.ts';
import { MenuV1 } from './menu/menu-v1.ts';
import { OrderLine } from './order/order-line.ts';
import { ModelPolicy } from './routing/model-policy.ts';
import { VendorRoute } from './routing/vendor-route.ts';
import { toolContracts } from './tools/registry.ts';
import { ToolName } from './tools/tool-contract.ts';

/**
 * Which side of a schema to describe: `input` is what a receiver accepts (fields with defaults
 * optional), `output` what a consumer is guaranteed after parsing (defaults filled in).
 */
type SchemaSide = 'input' | 'output';

function toJsonSchema(schema: z.ZodType, io: SchemaSide, title: string, description?: string) {
  const { $schema, ...body } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
  });
  return description === undefined
    ? { $schema, title, ...body }
    : { $schema, title, description, ...body };
}

const eventsV2Description =
  'The v1 event envelope with the event types added since v1 (VendorFailover). The envelope ' +
  "fields are unchanged: events still carry version 1, and each type's payload is its own " +
  'events/<Type>.v1.json.';

/**
 * Every published v1 JSON Schema, keyed by its file name under `schemas/v1/`
 * (`tools/create_pos_order.input.v1.json`, `events/OrderCreated.v1.json`, …). Tool inputs and
 * everything read off the wire use the input side; tool outputs the output side.
 */
export function generateJsonSchemas(): Map<string, object> {
  const schemas = new Map<string, object>();
  const add = (file: string, schema: z.ZodType, io: SchemaSide, description?: string) =>
    schemas.set(
      file,
      toJsonSchema(schema, io, `voxeron ${file.replace(/\.json$/, '')}`, description),
    );

  for (const name of ToolName.options) {
    const contract = toolContracts[name];
    add(`tools/${name}.input.v1.json`, contract.input, 'input', contract.description);
    add(`tools/${name}.output.v1.json`, contract.output, 'output', contract.description);
  }
  // v1 lists the event types it was published with; v2 is the same envelope (events still
  // carry `version: 1`) with the types added since, each of which has its own v1 file.
  add('events/envelope.v1.json', EventEnvelopeV1, 'input');
  add('events/domain-event.v1.json', DomainEventV1, 'input');
  add('events/envelope.v2.json', EventEnvelope, 'input', eventsV2Description);
  add('events/domain-event.v2.json', DomainEvent, 'input', eventsV2Description);
  for (const type of EventType.options) add(`events/${type}.v1.json`, eventSchemas[type], 'input');
  add('actions/action.v1.json', Action, 'input');
  add('actions/transition.v1.json', AllowedActionTransition, 'input');
  add('edge/edge-message.v1.json', EdgeMessage, 'input');
  for (const [type, schema] of Object.entries(edgeMessageSchemas)) {
    add(`edge/${type}.v1.json`, schema, 'input');
  }
  add('menu/voxeron.menu.v1.json', MenuV1, 'input');
  add('order/order-line.v1.json', OrderLine, 'input');
  add('routing/model-policy.v1.json', ModelPolicy, 'input');
  add('routing/vendor-route.v1.json', VendorRoute, 'input');
  return schemas;
}

/** The committed text of a schema: 2-space JSON with a trailing newline, key order as generated. */
export function renderJsonSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
