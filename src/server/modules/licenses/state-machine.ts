import type { LicenseState } from '../../../common/schemas/licenses.ts';
import { AppError } from '../../platform/errors.ts';

/** What can happen to a license (证照生命周期操作). */
export type LicenseAction = 'sign' | 'suspend' | 'resume' | 'revoke' | 'supersede';

/** Chinese names of the states, for messages and the UI. */
export const LICENSE_STATE_LABELS: Record<LicenseState, string> = {
  pending: '待签发',
  valid: '有效',
  suspended: '暂停使用',
  revoked: '已注销',
  superseded: '已被新版本替代',
};

/** Chinese names of the actions. */
export const LICENSE_ACTION_LABELS: Record<LicenseAction, string> = {
  sign: '签发',
  suspend: '暂停',
  resume: '恢复',
  revoke: '注销',
  supersede: '变更或延续',
};

/** The explicit transition table: state → action → next state. Anything not here is refused. */
const TRANSITIONS: Record<LicenseState, Partial<Record<LicenseAction, LicenseState>>> = {
  pending: { sign: 'valid' },
  valid: { suspend: 'suspended', revoke: 'revoked', supersede: 'superseded' },
  suspended: { resume: 'valid', revoke: 'revoked', supersede: 'superseded' },
  revoked: {},
  superseded: {},
};

/** The actions allowed in a state. */
export function allowedLicenseActions(state: LicenseState): LicenseAction[] {
  return Object.keys(TRANSITIONS[state]) as LicenseAction[];
}

/** The state after an action, or 409 INVALID_STATE listing what is allowed. */
export function licenseTransition(state: LicenseState, action: LicenseAction): LicenseState {
  const to = TRANSITIONS[state][action];
  if (!to) {
    const allowed = allowedLicenseActions(state);
    throw new AppError(
      'INVALID_STATE',
      `证照当前状态为“${LICENSE_STATE_LABELS[state]}”，不能${LICENSE_ACTION_LABELS[action]}；当前可执行：${allowed.map((a) => LICENSE_ACTION_LABELS[a]).join('、') || '无'}`,
      { state, action, allowed },
    );
  }
  return to;
}
