/**
 * Power usage effectiveness (ISO/IEC 30134-2): facility energy over IT energy for the same
 * period, from cumulative meters. The category says where IT energy is measured — 1 at the UPS
 * output, 2 at the PDU output, 3 at the IT equipment input — and a mix counts as the coarsest.
 * The standard asks for twelve months; a shorter period is stated as interim.
 */
import type { ComponentKind } from './model.js';

export interface EnergyMeter {
  kind: ComponentKind;
  /** Cumulative kWh at the start and the end of the period. */
  first: { value: number; at: string };
  last: { value: number; at: string };
}

export interface Pue {
  value: number;
  category: 1 | 2 | 3;
  from: string;
  to: string;
  days: number;
  /** Under twelve months of data. */
  interim: boolean;
}

const categoryOf = (k: ComponentKind): 1 | 2 | 3 => (k === 'host' || k === 'psu' ? 3 : k === 'pdu' ? 2 : 1);

export function computePue(facility: readonly EnergyMeter[], it: readonly EnergyMeter[]): Pue | null {
  if (facility.length === 0 || it.length === 0) return null;
  const delta = (ms: readonly EnergyMeter[]) => ms.reduce((s, m) => s + Math.max(0, m.last.value - m.first.value), 0);
  const f = delta(facility);
  const i = delta(it);
  if (i <= 0 || f <= 0) return null;
  const all = [...facility, ...it];
  const from = all.map((m) => m.first.at).sort()[all.length - 1]!;
  const to = all.map((m) => m.last.at).sort()[0]!;
  const days = Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000);
  return { value: f / i, category: Math.min(...it.map((m) => categoryOf(m.kind))) as 1 | 2 | 3, from, to, days, interim: days < 365 };
}
