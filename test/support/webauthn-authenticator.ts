/**
 * A small software WebAuthn authenticator for server tests: one ES256 (P-256) key per credential
 * from node:crypto, 'none' attestation, CBOR through the encoder @simplewebauthn/server uses. It
 * answers the JSON options the API hands out with the JSON a browser's startRegistration /
 * startAuthentication would send back.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

/** One credential held by the authenticator. */
export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

/** What a test may tamper with in one answer. */
export interface AnswerOverrides {
  /** Sign a different challenge than the one asked for. */
  challenge?: string;
  origin?: string;
  type?: string;
  /** Use this counter instead of the next one (to replay an old counter). */
  counter?: number;
  /** Report user verification (default true). */
  userVerified?: boolean;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y) throw new Error('not an EC key');
  // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
  return isoCBOR.encode(new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x, 'base64url')], [-3, Buffer.from(jwk.y, 'base64url')]]));
}

function clientData(type: string, challenge: string, origin: string): string {
  return isoBase64URL.fromBuffer(Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })));
}

/** A software authenticator bound to an origin. */
export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];

  constructor(readonly origin = 'http://localhost:3000') {}

  /** Answer registration options (navigator.credentials.create) with a new credential. */
  register(options: { challenge: string; rp: { id?: string }; user: { id: string } }, o: AnswerOverrides = {}) {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = randomBytes(16);
    const cred: SoftCredential = { id, privateKey, rpId, userHandle: options.user.id, counter: 0 };
    const flags = FLAG_UP | (o.userVerified === false ? 0 : FLAG_UV) | FLAG_AT;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([sha256(rpId), Buffer.from([flags]), u32(o.counter ?? 0), Buffer.alloc(16), idLength, id, coseKey(publicKey)]);
    const attestationObject = isoCBOR.encode(new Map<string, string | Map<string, never> | Uint8Array>([['fmt', 'none'], ['attStmt', new Map<string, never>()], ['authData', authData]]));
    this.credentials.push(cred);
    const b64 = isoBase64URL.fromBuffer(id);
    return {
      credential: {
        id: b64,
        rawId: b64,
        type: 'public-key' as const,
        clientExtensionResults: {},
        authenticatorAttachment: 'platform' as const,
        response: {
          clientDataJSON: clientData(o.type ?? 'webauthn.create', o.challenge ?? options.challenge, o.origin ?? this.origin),
          attestationObject: isoBase64URL.fromBuffer(attestationObject),
          transports: ['internal'],
        },
      },
      stored: cred,
    };
  }

  /** Answer login options (navigator.credentials.get) with a credential (default: the first allowed, else the newest). */
  authenticate(options: { challenge: string; rpId?: string; allowCredentials?: { id: string }[] }, o: AnswerOverrides & { credential?: SoftCredential } = {}) {
    const allowed = options.allowCredentials?.map((c) => c.id);
    const cred =
      o.credential ??
      (allowed && allowed.length > 0 ? this.credentials.find((c) => allowed.includes(c.id.toString('base64url'))) : this.credentials.at(-1));
    if (!cred) throw new Error('no matching credential in the soft authenticator');
    cred.counter = o.counter ?? cred.counter + 1;
    const flags = FLAG_UP | (o.userVerified === false ? 0 : FLAG_UV);
    const authData = Buffer.concat([sha256(options.rpId ?? cred.rpId), Buffer.from([flags]), u32(cred.counter)]);
    const clientDataJSON = clientData(o.type ?? 'webauthn.get', o.challenge ?? options.challenge, o.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(isoBase64URL.toBuffer(clientDataJSON))]), cred.privateKey);
    const b64 = cred.id.toString('base64url');
    return {
      id: b64,
      rawId: b64,
      type: 'public-key' as const,
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
      response: {
        clientDataJSON,
        authenticatorData: isoBase64URL.fromBuffer(authData),
        signature: isoBase64URL.fromBuffer(signature),
        userHandle: cred.userHandle,
      },
    };
  }
}
