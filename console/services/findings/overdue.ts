/** Corrective actions past their due date: what the console, the metrics and the alert read. */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open.js';
import { findingGrades } from '../../db/schema/compliance.js';

/** Not done, not cancelled, due before today (calendar days, UTC), on a finding still open. */
const SQL = `
SELECT f.grade AS grade, count(*) AS count
FROM corrective_actions ca JOIN findings f ON f.id = ca.finding_id
WHERE ca.status IN ('planned', 'in_progress') AND ca.due_date < @today AND f.status <> 'closed'
GROUP BY f.grade`;

const cache = new WeakMap<Database.Database, Database.Statement<[{ today: string }], { grade: string; count: number }>>();

export function overdueActionsByGrade(db: Db, now: Date): { grade: (typeof findingGrades)[number]; count: number }[] {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = db.$client.prepare(SQL)));
  const counts = new Map(s.all({ today: now.toISOString().slice(0, 10) }).map((r) => [r.grade, r.count]));
  return findingGrades.map((grade) => ({ grade, count: counts.get(grade) ?? 0 }));
}
