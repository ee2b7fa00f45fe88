import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// compliance/ must stay portable: its catalogs import only each other and zod, and never
// reach outside the project tree (for instance the shared domain folder) at runtime.
const dir = new URL('../../../compliance/catalogs/', import.meta.url);
const sources = readdirSync(dir).filter((name) => name.endsWith('.ts'));

describe('compliance/catalogs imports', () => {
  it.each(sources)('%s imports only sibling modules and zod', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const specifier of specifiers) {
      expect(specifier === 'zod' || /^\.\/[\w.-]+\.js$/.test(specifier ?? ''), `${name}: ${specifier}`).toBe(true);
    }
    expect(text).not.toMatch(/\bimport\s*\(/);
    expect(text).not.toMatch(/shared\/domain|node:fs|process\.env/);
  });
});
