/**
 * The risk side of the Statement of Applicability: which risks each control treats. ISO/IEC
 * 27001 6.1.3 d) asks the SoA to justify every control it includes; for most, the
 * justification is a risk of the register whose treatment relies on it.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { crosswalk, getControl, isFrameworkId, rulesForControl } from '../../../compliance/index.js';
import type { Db } from '../../db/open.js';
import { riskControls, risks } from '../../db/schema/index.js';
import { readMatrix, scoreOf, type RiskLevel } from './matrix.js';

export interface TreatedRisk {
  reference: string;
  title: string;
  level: RiskLevel;
}

/** For each control of the framework that some risk's treatment relies on, those risks (by reference). */
export function risksTreatingControls(db: Db, frameworkId: string, controlIds?: string[]): Map<string, TreatedRisk[]> {
  const matrix = readMatrix(db);
  const rows = db
    .select({ controlId: riskControls.controlId, reference: risks.reference, title: risks.title, l: risks.inherentLikelihood, i: risks.inherentImpact })
    .from(riskControls)
    .innerJoin(risks, eq(risks.id, riskControls.riskId))
    .where(and(eq(riskControls.frameworkId, frameworkId), controlIds ? inArray(riskControls.controlId, controlIds) : undefined))
    .orderBy(asc(risks.reference))
    .all();
  const out = new Map<string, TreatedRisk[]>();
  for (const r of rows) {
    const list = out.get(r.controlId) ?? [];
    list.push({ reference: r.reference, title: r.title, level: scoreOf(matrix, r.l, r.i).level });
    out.set(r.controlId, list);
  }
  return out;
}

/** Rules that require a control besides risk treatment: the console's policy rules and the PSSIE (state policy) rules it maps to. */
export function rulesRequiringControl(frameworkId: string, controlId: string): string[] {
  if (!isFrameworkId(frameworkId)) return [];
  const policy = rulesForControl(frameworkId, controlId).map((r) => `règle ${r.id}`);
  const known = getControl(frameworkId, controlId) !== undefined;
  const pssie =
    frameworkId === 'pssie-bj-2021'
      ? [`PSSIE ${controlId}`]
      : known
        ? crosswalk(frameworkId, controlId, { frameworks: ['pssie-bj-2021'] }).map((m) => `PSSIE ${m.control.id}`)
        : [];
  return [...new Set([...pssie, ...policy])];
}

const levelFr: Record<RiskLevel, string> = { low: 'faible', medium: 'moyen', high: 'élevé', critical: 'critique' };

/**
 * The « traitement des risques » justification of one control, in French (the SoA's language):
 * the risks it treats, or, when it treats none, whether a rule still requires it.
 */
export function riskTreatmentJustification(treated: TreatedRisk[], rules: string[]): string {
  if (treated.length > 0) return `Traite ${treated.map((r) => `${r.reference} « ${r.title} » (risque ${levelFr[r.level]})`).join(' ; ')}`;
  if (rules.length > 0) return `Ne traite aucun risque du registre ; exigée par ${rules.join(', ')}`;
  return 'Ne traite aucun risque du registre et n’est exigée par aucune règle';
}
