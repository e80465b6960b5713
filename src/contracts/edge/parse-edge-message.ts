import { ContractViolationError, parseContract } from '../common/contract-violation.ts';
import type { EdgeMessage } from './edge-message.ts';
import { EdgeMessage as EdgeMessageSchema } from './edge-message.ts';
import { EDGE_MAX_FRAME_BYTES, EDGE_PROTOCOL_VERSION } from './protocol.ts';

/**
 * Validates a decoded edge message. A `v` other than 1 is reported on its own (the peer speaks
 * another protocol version), before any field of the message is checked.
 */
export function parseEdgeMessage(input: unknown): EdgeMessage {
  if (typeof input === 'object' && input !== null && 'v' in input) {
    if (input.v !== EDGE_PROTOCOL_VERSION) {
      throw new ContractViolationError('edge message', [
        {
          path: ['v'],
          message: `unsupported edge protocol version ${JSON.stringify(input.v)}; this side speaks ${EDGE_PROTOCOL_VERSION}`,
        },
      ]);
    }
  }
  return parseContract('edge message', EdgeMessageSchema, input);
}

/**
 * Decodes and validates one frame (UTF-8 JSON text). Rejects a frame over
 * {@link EDGE_MAX_FRAME_BYTES} before parsing it.
 */
export function parseEdgeFrame(frame: string | Uint8Array): EdgeMessage {
  const bytes = typeof frame === 'string' ? new TextEncoder().encode(frame) : frame;
  if (bytes.byteLength > EDGE_MAX_FRAME_BYTES) {
    throw new ContractViolationError('edge frame', [
      {
        path: [],
        message: `frame of ${bytes.byteLength} bytes is over the ${EDGE_MAX_FRAME_BYTES}-byte limit`,
      },
    ]);
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ContractViolationError('edge frame', [
      { path: [], message: `not UTF-8 JSON: ${(error as Error).message}` },
    ]);
  }
  return parseEdgeMessage(decoded);
}

/**
 * Validates a message and encodes it as one frame; throws if it is invalid or over
 * {@link EDGE_MAX_FRAME_BYTES}, so a peer never receives a frame it must refuse.
 */
export function encodeEdgeFrame(message: EdgeMessage): string {
  const text = JSON.stringify(parseEdgeMessage(message));
  const byteLength = new TextEncoder().encode(text).byteLength;
  if (byteLength > EDGE_MAX_FRAME_BYTES) {
    throw new ContractViolationError(`edge message ${message.type}`, [
      {
        path: [],
        message: `encodes to ${byteLength} bytes, over the ${EDGE_MAX_FRAME_BYTES}-byte limit`,
      },
    ]);
  }
  return text;
}
