import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';

/**
 * Signing of webhook deliveries and of inbound reports (数据回流), both with the system's shared
 * secret: HMAC-SM3 (GB/T 32905 via Node's OpenSSL) over `${timestamp}.${body}`, hex, sent as
 * `X-Tongban-Signature: hmac-sm3=<hex>`. The timestamp in the signed text stops a captured request
 * from being replayed later; the event id stops it from being replayed within the window.
 */

/** Header names, lower-case as Node presents them. */
export const HEADERS = { eventId: 'x-tongban-event-id', timestamp: 'x-tongban-timestamp', signature: 'x-tongban-signature' } as const;
/** The signature scheme prefix of the header value. */
export const SIGNATURE_SCHEME = 'hmac-sm3';
/** How far an inbound timestamp may be from the platform's clock. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** The hex HMAC-SM3 of `${timestamp}.${body}` under the secret. */
export function computeSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sm3', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The three signature headers for a body sent now. */
export function signHeaders(secret: string, eventId: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'X-Tongban-Event-Id': eventId,
    'X-Tongban-Timestamp': timestamp,
    'X-Tongban-Signature': `${SIGNATURE_SCHEME}=${computeSignature(secret, timestamp, body)}`,
  };
}

/** The signed headers of an inbound request, or a 401 naming what is missing. */
export interface SignedRequest {
  eventId: string;
  timestamp: string;
  signature: string;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Read the signature headers of a request (401 when one is missing or malformed). */
export function readSignedHeaders(headers: Record<string, string | string[] | undefined>): SignedRequest {
  const eventId = header(headers, HEADERS.eventId);
  const timestamp = header(headers, HEADERS.timestamp);
  const signature = header(headers, HEADERS.signature);
  if (!eventId || !timestamp || !signature) throw new AppError('UNAUTHENTICATED', '缺少签名请求头 X-Tongban-Event-Id、X-Tongban-Timestamp、X-Tongban-Signature');
  if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(eventId)) throw new AppError('UNAUTHENTICATED', 'X-Tongban-Event-Id 应为8至100位字母、数字或 _ . : -');
  if (!/^\d{9,11}$/.test(timestamp)) throw new AppError('UNAUTHENTICATED', 'X-Tongban-Timestamp 应为 Unix 时间戳（秒）');
  return { eventId, timestamp, signature };
}

/** Check a request's signature and timestamp against a secret; 401 on any mismatch (never says which part). */
export function verifySignature(secret: string, req: SignedRequest, body: string, now: Date = new Date()): void {
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(req.timestamp));
  if (skew > MAX_SKEW_SECONDS) throw new AppError('UNAUTHENTICATED', '请求时间戳与平台时间相差超过5分钟，请校准时钟后重新签名');
  const expected = Buffer.from(`${SIGNATURE_SCHEME}=${computeSignature(secret, req.timestamp, body)}`);
  const given = Buffer.from(req.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('UNAUTHENTICATED', '签名校验失败');
}
