import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * DNS-rebinding defence: a browser page on another site that resolves its name to 127.0.0.1
 * still sends its own Host and Origin, so both must name this loopback server.
 */
export function checkHostAndOrigin(request: IncomingMessage, port: number): GuardVerdict {
  const host = request.headers.host;
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (!host || !allowedHosts.includes(host.toLowerCase())) {
    return { ok: false, status: 403, message: `Forbidden: Host header must be one of ${allowedHosts.join(', ')}.` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const allowedOrigins = LOOPBACK_NAMES.map((name) => `http://${name}:${port}`);
    if (!allowedOrigins.includes(origin.toLowerCase())) {
      return { ok: false, status: 403, message: 'Forbidden: requests from browser origins other than this loopback server are refused.' };
    }
  }
  return { ok: true };
}

/** Compares secrets in constant time (hashing first so different lengths do not leak either). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = digestOf(expected);
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The expected side is the same token request after request (the proxy's hot path): hashed once. */
let lastExpected: { value: string; digest: Buffer } | undefined;
function digestOf(expected: string): Buffer {
  if (lastExpected?.value !== expected) lastExpected = { value: expected, digest: createHash('sha256').update(expected).digest() };
  return lastExpected.digest;
}

/** Reads `Authorization: <scheme> <value>`; undefined when absent or of another scheme. */
export function readAuthorization(request: IncomingMessage, scheme: 'Bearer' | 'Token'): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^(\S+)\s+(.+)$/.exec(header.trim());
  if (!match || match[1].toLowerCase() !== scheme.toLowerCase()) return undefined;
  return match[2].trim();
}

export function checkBearer(request: IncomingMessage, token: string): GuardVerdict {
  const given = readAuthorization(request, 'Bearer');
  if (given === undefined) {
    return { ok: false, status: 401, message: 'Unauthorized: send "Authorization: Bearer <token>" with the token from the discovery file or the "Copy MCP Client Configuration" command.' };
  }
  if (!secretsEqual(given, token)) {
    return { ok: false, status: 401, message: 'Unauthorized: the bearer token is wrong (it changes each time VS Code starts; read it again from the discovery file).' };
  }
  return { ok: true };
}
