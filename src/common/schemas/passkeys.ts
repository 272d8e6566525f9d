import { z } from 'zod';

/** Longest name a person may give a passkey. */
export const PASSKEY_NAME_MAX = 40;

/** A base64url string (what WebAuthn JSON carries binary values as), bounded in length. */
function b64url(max: number) {
  return z.string().min(1, '不能为空').max(max, '过长').regex(/^[A-Za-z0-9_-]+={0,2}$/, '应为 base64url 编码');
}

/** A name given to a passkey, e.g. "我的手机". */
export const PasskeyName = z.string().trim().min(1, '请填写名称').max(PASSKEY_NAME_MAX, `名称不超过${PASSKEY_NAME_MAX}个字`).describe('Name the owner gave the passkey (e.g. 我的手机)');

const Transport = z.string().max(32);
const ClientExtensionResults = z.record(z.string(), z.unknown()).default({}).describe('Client extension outputs, as the browser reports them');
const Attachment = z.enum(['platform', 'cross-platform']).optional();

/** A registration response as @simplewebauthn/browser's startRegistration returns it (RegistrationResponseJSON). */
export const RegistrationCredential = z.object({
  id: b64url(1400).describe('Credential id (base64url)'),
  rawId: b64url(1400),
  type: z.literal('public-key'),
  authenticatorAttachment: Attachment,
  clientExtensionResults: ClientExtensionResults,
  response: z.object({
    clientDataJSON: b64url(8000).describe('Collected client data, carrying the challenge'),
    attestationObject: b64url(32_000),
    authenticatorData: b64url(32_000).optional(),
    transports: z.array(Transport).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(4000).optional(),
  }),
});

/** An authentication response as startAuthentication returns it (AuthenticationResponseJSON). */
export const AuthenticationCredential = z.object({
  id: b64url(1400).describe('Credential id (base64url)'),
  rawId: b64url(1400),
  type: z.literal('public-key'),
  authenticatorAttachment: Attachment,
  clientExtensionResults: ClientExtensionResults,
  response: z.object({
    clientDataJSON: b64url(8000).describe('Collected client data, carrying the challenge'),
    authenticatorData: b64url(32_000),
    signature: b64url(2000),
    userHandle: b64url(200).optional().describe('The user handle a discoverable credential returns'),
  }),
});

/** Finish registering a passkey. */
export const PasskeyRegistrationVerifyBody = z.object({
  credential: RegistrationCredential,
  name: PasskeyName.optional(),
});

/** Ask for login options; with an account identifier the browser is told which passkeys that account has. */
export const PasskeyLoginOptionsBody = z.object({
  account: z.string().trim().min(1).max(64).optional().describe('Optional ID number, credit code, phone or staff username; without it any passkey of this site may answer'),
});

/** Finish a passkey login. */
export const PasskeyLoginVerifyBody = z.object({
  credential: AuthenticationCredential,
});

/** Rename a passkey. */
export const RenamePasskeyBody = z.object({ name: PasskeyName });

// The platform asks for no extensions but credProps (whether the passkey is discoverable).
const Extensions = z.object({ credProps: z.boolean().optional() }).optional();
const CredentialDescriptor = z.object({ id: z.string(), type: z.string().describe('public-key'), transports: z.array(z.string()).optional() });

/** PublicKeyCredentialCreationOptionsJSON, for startRegistration({ optionsJSON }). */
export const PasskeyRegistrationOptions = z.object({
  challenge: z.string(),
  rp: z.object({ id: z.string().optional(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.literal('public-key') })),
  timeout: z.number().optional(),
  excludeCredentials: z.array(CredentialDescriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
      requireResidentKey: z.boolean().optional(),
      residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
      userVerification: z.enum(['discouraged', 'preferred', 'required']).optional(),
    })
    .optional(),
  hints: z.array(z.enum(['hybrid', 'security-key', 'client-device'])).optional(),
  attestation: z.enum(['direct', 'enterprise', 'indirect', 'none']).optional(),
  extensions: Extensions,
});

/** PublicKeyCredentialRequestOptionsJSON, for startAuthentication({ optionsJSON }). */
export const PasskeyLoginOptions = z.object({
  challenge: z.string(),
  timeout: z.number().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(CredentialDescriptor).optional(),
  userVerification: z.enum(['discouraged', 'preferred', 'required']).optional(),
  hints: z.array(z.enum(['hybrid', 'security-key', 'client-device'])).optional(),
  extensions: Extensions,
});

/** A passkey as its owner sees it (never the public key). */
export const PasskeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  deviceType: z.enum(['singleDevice', 'multiDevice']).describe('multiDevice: a synced passkey (e.g. in a phone maker’s cloud)'),
  backedUp: z.boolean(),
  transports: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** The owner's passkeys. */
export const PasskeyList = z.object({ items: z.array(PasskeyView) });
