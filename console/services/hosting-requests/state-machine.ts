/**
 * The hosting-request lifecycle as data:
 *
 *   draft → submitted → changes_requested ⇄ submitted → approved | rejected
 *   approved → provisioning → active → decommission_requested → decommissioning → decommissioned
 *
 * `active` and `decommissioned` are reached by the infrastructure, not by a person: an applied
 * run of the ministry's stack whose state holds every resource of the environment activates it,
 * and one after which none remains completes its decommissioning (services/runs/settle-requests.ts).
 * The only manual way to `active` is an administrator's `activate`, with a written reason, for
 * a stack applied outside the console; it stays visible as such on the request.
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
  'start-provisioning': { from: ['approved'], to: 'provisioning', roles: ['operator'], commentRequired: false, separationOfDuties: true },
  // The escape hatch: a stack applied outside the console. An administrator, with a reason.
  activate: { from: ['provisioning'], to: 'active', roles: ['admin'], commentRequired: true, separationOfDuties: true },
  'request-decommission': { from: ['active'], to: 'decommission_requested', roles: ['requester', 'operator'], commentRequired: false, separationOfDuties: false },
  // Marks the environment for removal: the next plan of its stack destroys it, the apply frees it.
  decommission: { from: ['decommission_requested'], to: 'decommissioning', roles: ['operator'], commentRequired: false, separationOfDuties: true },
};

/** States whose requests hold quota and host capacity: until an applied run has removed them. */
export const bookedStates: readonly RequestState[] = ['approved', 'provisioning', 'active', 'decommission_requested', 'decommissioning'];

/** States whose environments are part of the desired infrastructure (the TenancySpec). */
export const desiredStates = ['approved', 'provisioning', 'active', 'decommission_requested'] as const satisfies readonly RequestState[];

/** States in which the ministry may still edit the request. */
export const editableStates: readonly RequestState[] = ['draft', 'changes_requested'];

export function allowedActions(state: RequestState): TransitionAction[] {
  return (Object.keys(transitions) as TransitionAction[]).filter((a) => transitions[a].from.includes(state));
}

/** Actions this role may take from this state (for the UI and the API's `allowedActions`). */
export function actionsFor(state: RequestState, role: Role | 'system'): TransitionAction[] {
  return allowedActions(state).filter((a) => role === 'system' || transitions[a].roles.includes(role));
}
