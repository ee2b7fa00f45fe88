/**
 * The N-1 sweep as a record: each run is stored, files automatic evidence on the TIA-942
 * electrical and mechanical items and ISO/IEC 27001 A.7.11, and keeps one system finding per
 * single point of failure (opened, updated, or closed when a later sweep no longer finds it).
 * It runs inside the transaction of every change to the facility model or to the placements,
 * so what the console shows is always the sweep of the current state.
 */
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { sweep, type Facility, type Sweep, type SweepEntry } from '../../../facility/index.js';
import { writeTransaction, type AuditFn, type ServiceContext, type Tx } from '../../context.js';
import { findings } from '../../db/schema/index.js';
import { dcimSweeps } from '../../db/schema/index.js';
import { EvidenceStore } from '../../evidence/store.js';
import { VERSION } from '../../version.js';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { requireRole } from '../access.js';
import { recordAutomaticEvidence } from '../evidence/record-automatic.js';
import { clearSystemFinding, openSystemFinding } from '../findings/system.js';
import { newId } from '../ids.js';
import { analysisInputOf, latestSweepRow, loadFacility } from './read-model.js';

const tia = (controlId: string) => ({ frameworkId: 'tia942-r3', controlId });
const iso = (controlId: string) => ({ frameworkId: 'iso27001-2022', controlId });

/** What the sweep proves or disproves: dual paths, redundant UPS and generators, maintainable switchgear, N+1 cooling on redundant power, supporting utilities. */
export const sweepControls = [tia('TIA-ELE-01'), tia('TIA-ELE-02'), tia('TIA-ELE-03'), tia('TIA-ELE-05'), tia('TIA-MEC-01'), tia('TIA-MEC-09'), iso('A.7.11')];
const powerControls = [tia('TIA-ELE-01'), tia('TIA-ELE-02'), tia('TIA-ELE-05'), iso('A.7.11')];
const coolingControls = [tia('TIA-MEC-01'), tia('TIA-MEC-09'), iso('A.7.11')];

export const FINDING_SOURCE = 'facility';
const EVIDENCE_VALIDITY_DAYS = 31;

export interface SweepReport {
  id: string;
  at: string;
  trigger: string;
  components: number;
  singlePoints: number;
  clean: boolean;
  singlePointsOfFailure: SweepEntry[];
  baseline: Sweep['baseline'];
}

function reportOf(id: string, at: string, trigger: string, s: Sweep): SweepReport {
  return { id, at, trigger, components: s.components, singlePoints: s.singlePointsOfFailure.length, clean: s.clean, singlePointsOfFailure: s.singlePointsOfFailure, baseline: s.baseline };
}

function summaryFr(r: SweepReport): string {
  if (r.clean) return `${r.components} composants analysés : aucun point unique de défaillance ; chaque composant peut être arrêté pour maintenance sans arrêter un environnement à haute disponibilité ni dépasser une capacité.`;
  const parts = [`${r.components} composants analysés`, `${r.singlePoints} point(s) unique(s) de défaillance${r.singlePoints > 0 ? ` : ${r.singlePointsOfFailure.map((s) => s.id).join(', ')}` : ''}`];
  if (r.baseline.overloads.length > 0) parts.push(`au-delà de la limite en fonctionnement normal : ${r.baseline.overloads.map((o) => o.id).join(', ')}`);
  if (r.baseline.unpowered.length > 0) parts.push(`sans alimentation : ${r.baseline.unpowered.length} composant(s)`);
  if (r.baseline.roomsOverCooling.length > 0) parts.push(`salles au-delà de leur froid : ${r.baseline.roomsOverCooling.map((x) => x.id).join(', ')}`);
  if (r.baseline.unmodelled.length > 0) parts.push(`${r.baseline.unmodelled.length} réplica(s) sur des hôtes absents du modèle`);
  return parts.join(' ; ') + '.';
}

function findingText(entry: SweepEntry, facility: Facility): { title: string; description: string; grade: 'major' | 'minor' } {
  const names = new Map(facility.components.map((c) => [c.id, c.name]));
  const lines: string[] = [];
  if (entry.stopsHigh.length > 0) lines.push(`Son arrêt arrête ${entry.stopsHigh.length} environnement(s) à haute disponibilité.`);
  if (entry.overloads.length > 0) lines.push(`Son arrêt porte au-delà de 80 % de leur calibre : ${entry.overloads.map((o) => `${names.get(o) ?? o} (${o})`).join(', ')}.`);
  if (entry.roomsOverCooling.length > 0) lines.push(`Son arrêt laisse moins de froid que de chaleur dans : ${entry.roomsOverCooling.map((o) => `${names.get(o) ?? o} (${o})`).join(', ')}.`);
  return {
    title: `Point unique de défaillance : ${entry.name} (${entry.id})`,
    description: `Le balayage N-1 de l’installation montre que ce composant ne peut pas être arrêté pour maintenance sans conséquence. ${lines.join(' ')}`,
    grade: entry.stopsHigh.length > 0 ? 'major' : 'minor',
  };
}

/** What a sweep found, without when or why it ran: two sweeps with the same outcome compare equal. */
const outcomeOf = (r: Pick<SweepReport, 'components' | 'singlePointsOfFailure' | 'baseline'>) => canonicalJson({ components: r.components, singlePointsOfFailure: r.singlePointsOfFailure, baseline: r.baseline });

/**
 * Runs the sweep on the state inside `tx` and records it; null when no facility is modelled.
 * With `onlyIfChanged` (readings, which arrive every few minutes), nothing is recorded when the
 * outcome is the last recorded one's: that sweep still describes the facility.
 */
export function recordSweepTx(tx: Tx, audit: AuditFn, ctx: ServiceContext, trigger: string, options: { onlyIfChanged?: boolean } = {}): SweepReport | null {
  const facility = loadFacility(tx);
  if (facility.components.length === 0) return null;
  const result = sweep(analysisInputOf(tx, facility));
  if (options.onlyIfChanged) {
    const last = latestSweepRow(tx)?.report as unknown as SweepReport | undefined;
    if (last && outcomeOf(last) === outcomeOf(result)) return last;
  }
  const at = ctx.clock.now().toISOString();
  const id = newId();
  const report = reportOf(id, at, trigger, result);
  tx.insert(dcimSweeps)
    .values({ id, at, trigger, components: report.components, singlePoints: report.singlePoints, clean: report.clean, report: report as unknown as Record<string, unknown> })
    .run();
  const store = ctx.dataDir ? new EvidenceStore(ctx.dataDir) : null;
  if (store) {
    const summary = summaryFr(report);
    const content = JSON.stringify({ source: 'facility-sweep', generatedAt: at, generatedBy: ctx.actor.email, console: `dcops ${VERSION}`, summary, ...report }, null, 2) + '\n';
    recordAutomaticEvidence(tx, audit, store, {
      source: 'facility-sweep',
      key: 'n-1-sweep',
      // The analysis itself, not when or why it ran: an unchanged facility adds no new version.
      normalized: result,
      producedBy: `dcim-sweep:${id}`,
      title: { key: 'auto.title.sweep' },
      description:
        'Analyse de chaque composant des chaînes électrique et de refroidissement (sources, onduleurs, tableaux, voies, PDU, alimentations, racks, unités de froid) : ' +
        'ce qui s’arrête et ce qui dépasse sa capacité si on l’arrête. Refaite à chaque changement du modèle de l’installation ou des placements.',
      controls: sweepControls,
      content,
      fileName: `facility-sweep-${at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`,
      contentType: 'application/json',
      effectiveAt: at,
      expiresAt: new Date(Date.parse(at) + EVIDENCE_VALIDITY_DAYS * 86_400_000).toISOString(),
      metadata: { sweep: id, trigger, components: report.components, singlePoints: report.singlePoints, clean: report.clean, summary },
      at,
      ...(ctx.actor.userId !== null ? { actor: { userId: ctx.actor.userId, email: ctx.actor.email } } : {}),
    });
  }
  const current = new Set<string>();
  for (const entry of result.singlePointsOfFailure) {
    current.add(entry.id);
    const text = findingText(entry, facility);
    openSystemFinding(tx, audit, { source: FINDING_SOURCE, subject: entry.id, at, ...text, controls: entry.kind === 'cooling' ? coolingControls : powerControls });
  }
  // A finding closes on a clean check filed as evidence: without an evidence store here, it
  // stays open until a sweep that has one (never closed on less than proof).
  if (store) {
    const open = tx
      .select({ subject: findings.subject })
      .from(findings)
      .where(and(eq(findings.origin, 'system'), eq(findings.source, FINDING_SOURCE), isNotNull(findings.subject), ne(findings.status, 'closed')))
      .all();
    for (const f of open) {
      if (!f.subject || current.has(f.subject)) continue;
      clearSystemFinding(tx, audit, store, {
        source: FINDING_SOURCE,
        subject: f.subject,
        at,
        evidence: {
          title: { key: 'auto.title.sweepCleared', params: { subject: f.subject } },
          description: 'Le balayage N-1 de l’installation ne nomme plus ce composant : son arrêt n’arrête aucun environnement à haute disponibilité et ne dépasse aucune capacité.',
          metadata: { sweep: id, trigger, components: report.components, singlePoints: report.singlePoints },
        },
      });
    }
  }
  audit({ at, action: 'dcim.sweep', entity: 'dcim-sweep', entityId: id, after: { trigger, components: report.components, singlePoints: report.singlePoints, clean: report.clean } });
  return report;
}

/** An operator (or the console itself) runs the sweep on demand. */
export function runSweep({ ctx, input }: { ctx: ServiceContext; input: { trigger?: string } }): SweepReport | null {
  requireRole(ctx.actor, 'operator', 'admin');
  return writeTransaction(ctx, (tx, audit) => recordSweepTx(tx, audit, ctx, input.trigger ?? 'manual'));
}

/** The last sweep recorded. */
export function lastSweep({ ctx }: { ctx: ServiceContext }): SweepReport | null {
  requireRole(ctx.actor, 'operator', 'admin', 'auditor');
  const row = latestSweepRow(ctx.db);
  return row ? (row.report as unknown as SweepReport) : null;
}
