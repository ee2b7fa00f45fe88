/**
 * Runs a cdktf synthesis without the two process-wide costs cdktf imposes on a long-running
 * process (the console synthesizes on every approval).
 *
 * 1. Token map. cdktf registers every token it creates in one process-wide map
 *    (`globalThis.__cdktfTokenMap`) and never removes them; each token holds its resource, so
 *    every synthesis would keep its whole construct tree alive for the life of the process
 *    (measured: +600 MB per synthesis of a 19k-resource tenancy). Entries registered during the
 *    call are removed when it ends. That is safe because nothing built during a synthesis
 *    outlives it: every stack is built and synthesized inside the same call, and the output is
 *    plain JSON. The map's fields are cdktf internals, so each is checked before it is touched;
 *    `tests/infra/synth-isolation.test.ts` fails if a cdktf upgrade changes them.
 * 2. Creation stack traces. cdktf captures and formats a full, unbounded stack trace for every
 *    token and nested attribute it creates (about twenty per container) and keeps it as strings,
 *    only to decorate its own token-resolution errors. Under tsx or vitest each frame is also
 *    translated through source maps. Formatting and keeping those traces was about half of the
 *    synthesis time and most of its memory, and made large tenancies slower than linear (more
 *    live memory, costlier garbage collection). During the call, source-map translation is off
 *    and those captures (made on plain objects, not Error instances) are formatted as empty;
 *    real errors still get their stack, without source mapping.
 *
 * Both are safe because synthesis is synchronous: no other code runs until the previous state is
 * restored, also when the synthesis throws.
 */

/** The registries inside cdktf's token map that grow with every token. */
export function cdktfTokenRegistries(): Map<unknown, unknown>[] {
  const tokenMap: unknown = (globalThis as { __cdktfTokenMap?: unknown }).__cdktfTokenMap;
  if (typeof tokenMap !== 'object' || tokenMap === null) return [];
  const fields = tokenMap as { stringTokenMap?: unknown; numberTokenMap?: unknown };
  return [fields.stringTokenMap, fields.numberTokenMap].filter((m): m is Map<unknown, unknown> => m instanceof Map);
}

export function isolatedSynthesis<T>(fn: () => T): T {
  const registries = cdktfTokenRegistries();
  const sizes = registries.map((m) => m.size);
  const sourceMaps = process.sourceMapsEnabled;
  const previousPrepare = Error.prepareStackTrace;
  if (sourceMaps) process.setSourceMapsEnabled(false);
  Error.prepareStackTrace = formatErrorsOnly;
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previousPrepare;
    if (sourceMaps) process.setSourceMapsEnabled(true);
    registries.forEach((m, i) => forgetAfter(m, sizes[i]!));
  }
}

function formatErrorsOnly(target: Error, frames: NodeJS.CallSite[]): string {
  if (!(target instanceof Error)) return '';
  return [String(target), ...frames.map((f) => `    at ${f.toString()}`)].join('\n');
}

/** Maps iterate in insertion order: everything past `size` was registered during the call. */
function forgetAfter(map: Map<unknown, unknown>, size: number): void {
  if (map.size <= size) return;
  const added: unknown[] = [];
  let i = 0;
  for (const key of map.keys()) if (i++ >= size) added.push(key);
  for (const key of added) map.delete(key);
}
