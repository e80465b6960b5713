import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContractViolationError } from '../common/contract-violation.ts';
import { exampleEdgeMessage } from '../testing/edge-examples.ts';
import type { EdgeMessageType } from './edge-message.ts';
import { edgeMessageSchemas, edgeMessageSender } from './edge-message.ts';
import { encodeEdgeFrame, parseEdgeFrame, parseEdgeMessage } from './parse-edge-message.ts';
import { EDGE_MAX_FRAME_BYTES } from './protocol.ts';

const types = Object.keys(edgeMessageSchemas) as EdgeMessageType[];

function rejectedPaths(input: unknown): string[] {
  try {
    parseEdgeMessage(input);
  } catch (error) {
    assert.ok(error instanceof ContractViolationError);
    return error.issues.map((issue) => issue.path.join('.'));
  }
  assert.fail(`accepted an invalid edge message: ${JSON.stringify(input)}`);
}

void describe('edge protocol v1', () => {
  void it('has the ten message types, each with a sender', () => {
    assert.deepEqual(types.sort(), [
      'cancel',
      'error',
      'heartbeat',
      'hello',
      'hello_ack',
      'job_ack',
      'job_offer',
      'job_status',
      'reconcile_request',
      'reconcile_result',
    ]);
    assert.deepEqual(Object.keys(edgeMessageSender).sort(), types);
  });

  void it('round-trips an example of every message through a frame', () => {
    for (const type of types) {
      const message = exampleEdgeMessage(type);
      assert.deepEqual(parseEdgeFrame(encodeEdgeFrame(message)), message);
      assert.deepEqual(parseEdgeFrame(new TextEncoder().encode(JSON.stringify(message))), message);
    }
  });

  void it('reports a foreign protocol version before anything else', () => {
    const message = { ...exampleEdgeMessage('heartbeat'), v: 2, queue_depth: -1 };
    assert.throws(() => parseEdgeMessage(message), /unsupported edge protocol version 2/);
    assert.deepEqual(rejectedPaths({ ...exampleEdgeMessage('heartbeat'), v: undefined }), ['v']);
  });

  void it('rejects unknown types, missing ids and unknown keys', () => {
    assert.deepEqual(rejectedPaths({ ...exampleEdgeMessage('cancel'), type: 'reboot' }), ['type']);
    const { id: _id, ...anonymous } = exampleEdgeMessage('cancel');
    assert.deepEqual(rejectedPaths(anonymous), ['id']);
    assert.deepEqual(rejectedPaths({ ...exampleEdgeMessage('cancel'), force: true }), ['']);
  });

  void it('checks message fields: printer states, job acks, job statuses', () => {
    const heartbeat = exampleEdgeMessage('heartbeat');
    assert.deepEqual(
      rejectedPaths({ ...heartbeat, printers: [{ printer_id: 'kitchen-1', state: 'on_fire' }] }),
      ['printers.0.state'],
    );
    const ack = exampleEdgeMessage('job_ack');
    assert.deepEqual(rejectedPaths({ ...ack, result: 'rejected' }), ['reason']);
    assert.equal(
      parseEdgeMessage({ ...ack, result: 'duplicate' }).type,
      'job_ack',
      'a duplicate offer is acknowledged as such',
    );
    const status = exampleEdgeMessage('job_status');
    assert.deepEqual(rejectedPaths({ ...status, status: 'failed' }), ['error']);
    assert.equal(
      parseEdgeMessage({ ...status, status: 'printed_after_cancel' }).type,
      'job_status',
    );
  });

  void it("requires the offered ticket to carry the offer's job id", () => {
    const offer = exampleEdgeMessage('job_offer');
    assert.deepEqual(
      rejectedPaths({
        ...offer,
        ticket: { ...offer.ticket, job_id: exampleEdgeMessage('hello').id },
      }),
      ['ticket.job_id'],
    );
    assert.deepEqual(rejectedPaths({ ...offer, ticket: { ...offer.ticket, lines: [] } }), [
      'ticket.lines',
    ]);
  });

  void it(`refuses frames over ${EDGE_MAX_FRAME_BYTES} bytes, before parsing them`, () => {
    const padding = ' '.repeat(EDGE_MAX_FRAME_BYTES);
    const frame = `${encodeEdgeFrame(exampleEdgeMessage('heartbeat'))}${padding}`;
    assert.throws(() => parseEdgeFrame(frame), /over the 65536-byte limit/);
    assert.throws(() => parseEdgeFrame('{"v":1,'), /not UTF-8 JSON/);
    const offer = exampleEdgeMessage('job_offer');
    const line = offer.ticket.lines[0]!;
    const huge = {
      ...offer,
      ticket: {
        ...offer.ticket,
        lines: Array.from({ length: 100 }, () => ({ ...line, notes: 'x'.repeat(500) })),
      },
    };
    assert.throws(() => encodeEdgeFrame(huge), /over the 65536-byte limit/);
  });
});
