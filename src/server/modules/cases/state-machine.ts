import { CASE_STATE_LABELS, CASE_ACTION_LABELS, type CaseAction, type CaseState } from '../../../common/schemas/cases.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The case lifecycle: state × action → the states the action may lead to. An action that may end
 * in more than one state (approving the last step completes the case) lists every target; the
 * service names the one it takes and the machine checks it is listed.
 */
export const TRANSITIONS: Readonly<Record<CaseState, Readonly<Partial<Record<CaseAction, readonly CaseState[]>>>>> = {
  draft: { update_draft: ['draft'], submit: ['submitted'], withdraw: ['withdrawn'] },
  submitted: {
    accept: ['processing', 'completed'],
    accept_with_deficiency: ['processing', 'completed'],
    not_accept: ['not_accepted'],
    request_supplement: ['supplementing'],
    withdraw: ['withdrawn'],
  },
  // A second supplement request waits until the applicant has supplemented (back to submitted).
  supplementing: { supplement: ['submitted'], withdraw: ['withdrawn'] },
  processing: {
    claim: ['processing'],
    approve: ['processing', 'completed'],
    deny: ['denied'],
    return: ['processing'],
    delegate: ['processing'],
    start_special_procedure: ['suspended'],
    fulfil_promise: ['processing'],
  },
  suspended: { end_special_procedure: ['processing'], fulfil_promise: ['suspended'] },
  not_accepted: {},
  withdrawn: {},
  // The decision (许可 or 不予许可) is handed over either way.
  denied: { deliver: ['delivered'] },
  completed: { deliver: ['delivered'] },
  delivered: {},
};

/** The actions the state machine allows in a state. */
export function allowedActions(state: CaseState): CaseAction[] {
  return Object.keys(TRANSITIONS[state]) as CaseAction[];
}

/**
 * Check an action against the state machine and return the state it leads to (`to` picks one of
 * several targets). An illegal action is a 409 listing what is allowed now.
 */
export function transition(state: CaseState, action: CaseAction, to?: CaseState): CaseState {
  const targets = TRANSITIONS[state][action];
  if (!targets) {
    const allowed = allowedActions(state);
    throw new AppError(
      'INVALID_STATE',
      `办件当前状态为“${CASE_STATE_LABELS[state]}”，不能${CASE_ACTION_LABELS[action]}；当前可执行：${allowed.map((a) => CASE_ACTION_LABELS[a]).join('、') || '无'}`,
      { state, action, allowed },
    );
  }
  const next = to ?? targets[0];
  if (next === undefined || !targets.includes(next)) throw new Error(`state machine: ${action} from ${state} cannot lead to ${String(to)}`);
  return next;
}
