/**
 * Label presence and value checks shared by the container and volume label rules, so both
 * word their findings the same way.
 */
export interface LabelCheck {
  readonly key: string;
  /** Returns a short reason when the value is wrong, undefined when it is fine. */
  readonly check?: (value: string) => string | undefined;
}

export function checkLabels(labels: { get(key: string): string | undefined }, checks: readonly LabelCheck[]): { missing: string[]; invalid: string[] } {
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const { key, check } of checks) {
    const value = labels.get(key);
    if (value === undefined || value.trim() === '') {
      missing.push(key);
      continue;
    }
    const reason = check?.(value);
    if (reason !== undefined) invalid.push(`${key} = « ${value} » (${reason})`);
  }
  return { missing, invalid };
}

export function oneOf(values: readonly string[]): (value: string) => string | undefined {
  return (value) => (values.includes(value) ? undefined : `attendu : ${values.join(' | ')}`);
}

export function matches(pattern: RegExp, expected: string): (value: string) => string | undefined {
  return (value) => (pattern.test(value) ? undefined : expected);
}


export function describeLabelProblems(missing: readonly string[], invalid: readonly string[], duplicates: readonly string[]): string[] {
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`étiquettes absentes : ${missing.join(', ')}`);
  if (invalid.length > 0) parts.push(`valeurs invalides : ${invalid.join(', ')}`);
  if (duplicates.length > 0) parts.push(`étiquettes en double : ${[...new Set(duplicates)].join(', ')}`);
  return parts;
}
