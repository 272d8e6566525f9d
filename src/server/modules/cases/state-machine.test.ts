import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATES } from '../../../common/schemas/cases.ts';
import { AppError } from '../../platform/errors.ts';
import { allowedActions, transition, TRANSITIONS } from './state-machine.ts';

describe('case state machine', () => {
  it('leads only to known states, and every action is reachable from some state', () => {
    const used = new Set<string>();
    for (const s of CASE_STATES) {
      for (const [action, targets] of Object.entries(TRANSITIONS[s])) {
        used.add(action);
        for (const to of targets ?? []) expect(CASE_STATES).toContain(to);
      }
    }
    expect([...used].sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it('allows a second supplement request only after the applicant supplemented', () => {
    expect(transition('submitted', 'request_supplement')).toBe('supplementing');
    expect(() => transition('supplementing', 'request_supplement')).toThrow(AppError);
    expect(transition(transition('supplementing', 'supplement'), 'request_supplement')).toBe('supplementing');
  });

  it('answers an illegal action with INVALID_STATE listing the allowed actions', () => {
    try {
      transition('processing', 'withdraw');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('INVALID_STATE');
      expect((e as AppError).details).toEqual({ state: 'processing', action: 'withdraw', allowed: allowedActions('processing') });
      expect((e as AppError).message).toContain('不能撤回申请');
    }
  });

  it('has no way out of the final states', () => {
    for (const s of ['not_accepted', 'withdrawn', 'delivered'] as const) expect(allowedActions(s)).toEqual([]);
  });
});
