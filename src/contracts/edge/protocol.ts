/** The edge protocol version this code speaks; every message carries it as `v`. */
export const EDGE_PROTOCOL_VERSION = 1;

/**
 * Largest frame either side sends or accepts, in bytes of UTF-8 JSON: 64 KiB. A full kitchen
 * ticket is a few KiB; the cap bounds what a misbehaving peer can make the other buffer.
 */
export const EDGE_MAX_FRAME_BYTES = 64 * 1024;

/** Default interval between agent heartbeats, in milliseconds, unless `hello_ack` says otherwise. */
export const EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;
