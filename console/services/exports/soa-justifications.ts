/**
 * Where the Statement of Applicability's justifications come from (ISO/IEC 27001 6.1.3 d). There
 * is no default: a control is justified by a person's text (with its reason code), by the PSSIE
 * rules it implements through the crosswalks (legal or regulatory), or by a source registered
 * here — the risk register, once it exists, adds the controls that treat a risk. A control
 * justified by none of them reads as missing.
 */
import { crosswalk, listControls } from '../../../compliance/index.js';
import type { Db } from '../../db/open.js';
import { riskTreatmentJustification, risksTreatingControls } from '../risks/soa.js';
import type { justificationReasons } from '../../db/schema/compliance.js';

export type JustificationReason = (typeof justificationReasons)[number];

export interface Justification {
  reason: JustificationReason | null;
  text: string;
  /** `person`, `crosswalk`, `risk-register`… */
  origin: string;
}

export interface JustificationProvider {
  origin: string;
  /** Justifications per Annex A control id, read at export time (inside the export's snapshot). */
  read(db: Db): ReadonlyMap<string, readonly Justification[]>;
}

/** Annex A controls a PSSIE rule maps to: the legal and regulatory reason, in French and by rule id. */
export const crosswalkProvider: JustificationProvider = {
  origin: 'crosswalk',
  read: () => {
    const out = new Map<string, Justification[]>();
    for (const [controlId, rules] of pssieRulesByIsoControl()) {
      out.set(controlId, [{ reason: 'legal_regulatory', origin: 'crosswalk', text: `PSSIE Bénin : ${rules.join(', ')}` }]);
    }
    return out;
  },
};

let pssie: Map<string, string[]> | undefined;
function pssieRulesByIsoControl(): Map<string, string[]> {
  if (pssie) return pssie;
  pssie = new Map();
  // Catalogue data only: computed once per process.
  for (const c of isoControlIds()) {
    const rules = crosswalk('iso27001-2022', c)
      .filter((m) => m.control.frameworkId === 'pssie-bj-2021' && m.relation !== 'related')
      .map((m) => m.control.id);
    if (rules.length > 0) pssie.set(c, rules);
  }
  return pssie;
}

let isoIds: string[] | undefined;
function isoControlIds(): string[] {
  return (isoIds ??= listControls('iso27001-2022').map((c) => c.id));
}

/** Controls the risk register's treatments rely on: the risk treatment reason, naming the risks. */
export const riskRegisterProvider: JustificationProvider = {
  origin: 'risk-register',
  read: (db) => {
    const out = new Map<string, Justification[]>();
    for (const [controlId, risks] of risksTreatingControls(db, 'iso27001-2022')) {
      if (risks.length > 0) out.set(controlId, [{ reason: 'risk_treatment', origin: 'risk-register', text: riskTreatmentJustification(risks, []) }]);
    }
    return out;
  },
};

const providers: JustificationProvider[] = [riskRegisterProvider, crosswalkProvider];

/** The risk register (or any other source) adds its justifications here. */
export function registerJustificationProvider(provider: JustificationProvider): void {
  if (!providers.some((p) => p.origin === provider.origin)) providers.push(provider);
}

export function justificationProviders(): readonly JustificationProvider[] {
  return providers;
}
