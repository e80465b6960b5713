import type { EdgeErrorCode, EdgeMessage, EdgeMessageOf } from '../../contracts/edge/index.ts';
import {
  EDGE_MAX_FRAME_BYTES,
  EDGE_PROTOCOL_VERSION,
  edgeMessageSender,
  parseEdgeFrame,
} from '../../contracts/edge/index.ts';
import { ContractViolationError } from '../../contracts/common/contract-violation.ts';
import { newId } from '../../platform/ids.ts';

/** WebSocket close codes of the edge link: 1009 is the standard "too big", 4xxx are ours. */
export const LinkCloseCode = {
  normal: 1000,
  goingAway: 1001,
  frameTooLarge: 1009,
  invalidMessage: 4000,
  unauthorized: 4001,
  unsupportedVersion: 4002,
  helloTimeout: 4003,
} as const;

/**
 * The WebSocket layer's own cap: twice the protocol limit, so a frame between the two still
 * reaches our check and gets a clear `frame_too_large` error before the close.
 */
export const WS_MAX_PAYLOAD_BYTES = EDGE_MAX_FRAME_BYTES * 2;

export type DecodedFrame =
  | { ok: true; message: EdgeMessage }
  | { ok: false; code: EdgeErrorCode; closeCode: number; reason: string };

/** Size-checks, parses and validates one received frame, and checks who may send its type. */
export function decodeFrame(
  data: Buffer | ArrayBuffer | Buffer[],
  receiver: 'agent' | 'platform',
): DecodedFrame {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (bytes.byteLength > EDGE_MAX_FRAME_BYTES) {
    return {
      ok: false,
      code: 'frame_too_large',
      closeCode: LinkCloseCode.frameTooLarge,
      reason: `frame of ${bytes.byteLength} bytes is over the ${EDGE_MAX_FRAME_BYTES}-byte limit`,
    };
  }
  let message: EdgeMessage;
  try {
    message = parseEdgeFrame(bytes);
  } catch (error) {
    const text = error instanceof ContractViolationError ? error.message : String(error);
    const unsupported = /unsupported edge protocol version/.test(text);
    return {
      ok: false,
      code: unsupported ? 'unsupported_version' : 'invalid_message',
      closeCode: unsupported ? LinkCloseCode.unsupportedVersion : LinkCloseCode.invalidMessage,
      reason: text.slice(0, 900),
    };
  }
  const sender = edgeMessageSender[message.type];
  if (sender !== 'either' && sender === receiver) {
    return {
      ok: false,
      code: 'invalid_message',
      closeCode: LinkCloseCode.invalidMessage,
      reason: `a ${message.type} message is sent by the ${receiver}, not to it`,
    };
  }
  return { ok: true, message };
}

/** A protocol `error` message. */
export function errorFrame(
  code: EdgeErrorCode,
  text: string,
  inReplyTo: string | null = null,
): EdgeMessageOf<'error'> {
  return {
    v: EDGE_PROTOCOL_VERSION,
    id: newId(),
    type: 'error',
    code,
    message: text.slice(0, 1000),
    in_reply_to: inReplyTo,
  };
}

/** The common head of every message this side sends. */
export function head(): { v: typeof EDGE_PROTOCOL_VERSION; id: string } {
  return { v: EDGE_PROTOCOL_VERSION, id: newId() };
}
