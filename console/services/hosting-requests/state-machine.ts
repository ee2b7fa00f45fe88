/**
 * The hosting-request lifecycle as data:
 *
 *   draft → submitted → changes_requested ⇄ submitted → approved | rejected
 *   approved → provisioning → active → decommission_requested → decommissioned
 */
import type { RequestState } from '../../db/schema/hosting-requests.js';
import type { Role } from '../../db/schema/users.js';
import type { TransitionAction } from '../../api/schemas.js';

export interface TransitionRule {
  from: readonly RequestState[];
  to: RequestState;
  /** Roles that may take the action (requesters only on their own ministry). */
  roles: readonly Role[];
  commentRequired: boolean;
  /** Decisions are taken by someone other than who asked (separation of duties). */
  separationOfDuties: boolean;
}

export const transitions: Readonly<Record<TransitionAction, TransitionRule>> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', roles: ['requester'], commentRequired: false, separationOfDuties: false },
  'request-changes': { from: ['submitted'], to: 'changes_requested', roles: ['operator'], commentRequired: true, separationOfDuties: true },
  approve: { from: ['submitted'], to: 'approved', roles: ['operator'], commentRequired: false, separationOfDuties: true },
  reject: { from: ['submitted'], to: 'rejected', roles: ['operator'], commentRequired: true, separationOfDuties: true },
  'start-provisioning': { from: ['approved'], to: 'provisioning', roles: ['operator'], commentRequired: false, separationOfDuties: false },
  activate: { from: ['provisioning'], to: 'active', roles: ['operator'], commentRequired: false, separationOfDuties: false },
  'request-decommission': { from: ['active'], to: 'decommission_requested', roles: ['requester', 'operator'], commentRequired: false, separationOfDuties: false },
  decommission: { from: ['decommission_requested'], to: 'decommissioned', roles: ['operator'], commentRequired: false, separationOfDuties: false },
};

/** States whose requests hold quota and host capacity. */
export const bookedStates: readonly RequestState[] = ['approved', 'provisioning', 'active', 'decommission_requested'];

/** States in which the ministry may still edit the request. */
export const editableStates: readonly RequestState[] = ['draft', 'changes_requested'];

export function allowedActions(state: RequestState): TransitionAction[] {
  return (Object.keys(transitions) as TransitionAction[]).filter((a) => transitions[a].from.includes(state));
}

/** Actions this role may take from this state (for the UI and the API's `allowedActions`). */
export function actionsFor(state: RequestState, role: Role | 'system'): TransitionAction[] {
  return allowedActions(state).filter((a) => role === 'system' || transitions[a].roles.includes(role));
}
