import { SSO_CLAIMS, SSO_SCOPES } from '../../common/schemas/sso.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

/** The label of an SSO scope in the current language, with its technical name beside it. */
export function scopeLabel(t: Translate, scope: string): string {
  return scope in SSO_SCOPES ? `${t(`sso.scope.${scope}` as MessageKey)}（${scope}）` : scope;
}

/** The label of an SSO claim in the current language (an unknown claim as it is). */
export function claimLabel(t: Translate, claim: string): string {
  return SSO_CLAIMS.includes(claim) ? t(`sso.claim.${claim}` as MessageKey) : claim;
}
