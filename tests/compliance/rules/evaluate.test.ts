import { describe, expect, it } from 'vitest';

import { canonicalJson } from '../../../lib/canonical-json.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { evaluatePolicy, parseAddress, policyReportSchema, reportDigest, type PolicyReport } from '../../../compliance/evaluate.js';
import { createPolicyException, type PolicyException } from '../../../compliance/exceptions.js';
import { allRules } from '../../../compliance/rules/index.js';
import { defineRule, nonCompliant } from '../../../compliance/rules/core/model.js';
import { tenancyIsolationPack } from '../../../compliance/packs/index.js';
import { DIGEST, NOW, SWARM_EXCEPTIONS, goodWorld, resourceBlock, setLabel, worldWith, type World } from './fixtures.js';

/** Findings, leaving out the swarm finding every overlay network carries (tested with its exception above). */
function findings(report: PolicyReport): string[] {
  return report.results
    .filter((r) => (r.status === 'non_compliant' || r.status === 'suppressed') && r.ruleId !== 'network-swarm-scope')
    .map((r) => `${r.address} ${r.ruleId}`)
    .sort();
}

/** The good world with ten deliberate faults, each tripping known rules on known resources. */
function badWorld(): World {
  return worldWith((w) => {
    const container = (stack: string, name: string) => resourceBlock(w, stack, 'docker_container', name);
    container('ministry-mef', 'payroll_db_0')['privileged'] = true;
    container('ministry-mef', 'portal_web_1')['mounts'] = [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' }];
    container('ministry-mnd', 'api_0')['networks_advanced'] = [{ name: '${docker_network.tenant_internal.name}' }, { name: 'dcops-mef-internal' }];
    container('ministry-mnd', 'api_0')['image'] = 'registry.asin.bj/mnd/api:1.4';
    resourceBlock(w, 'ministry-mef', 'docker_network', 'tenant_restricted')['internal'] = false;
    setLabel(container('ministry-mef', 'payroll_api_0'), 'dcops.exposure', 'public');
    setLabel(resourceBlock(w, 'ministry-mef', 'docker_volume', 'payroll_db_0_data'), 'dcops.backup-policy', 'none');
    container('ministry-mef', 'portal_web_0')['ports'] = [{ internal: 8080, external: 8080, ip: '10.20.0.11', protocol: 'tcp' }];
    delete container('platform', 'grafana')['healthcheck'];
    setLabel(resourceBlock(w, 'ministry-mnd', 'docker_volume', 'api_0_data'), 'dcops.environment', undefined);
  });
}

const BAD_FINDINGS = [
  'ministry-mef/docker_container.payroll_api_0 container-sensitive-not-public',
  // A restricted service reachable from the ingress with public exposure: the path says it too.
  'ministry-mef/docker_container.payroll_api_0 path-ingress-declared-endpoints',
  'ministry-mef/docker_container.payroll_db_0 container-not-privileged',
  'ministry-mef/docker_container.portal_web_0 container-host-ports-ingress-only',
  // MND's API on MEF's internal network: a path both ways, and a network holding two ministries.
  'ministry-mef/docker_container.portal_web_0 path-no-cross-ministry',
  'ministry-mef/docker_container.portal_web_1 container-no-docker-socket',
  'ministry-mef/docker_container.portal_web_1 container-no-sensitive-host-mounts',
  'ministry-mef/docker_container.portal_web_1 path-no-cross-ministry',
  'ministry-mef/docker_network.tenant_internal network-single-tenant',
  'ministry-mef/docker_network.tenant_restricted network-tenant-internal',
  'ministry-mef/docker_volume.payroll_db_0_data volume-backup-policy',
  'ministry-mnd/docker_container.api_0 container-image-pinned',
  'ministry-mnd/docker_container.api_0 container-ministry-networks-only',
  'ministry-mnd/docker_container.api_0 path-no-cross-ministry',
  'ministry-mnd/docker_volume.api_0_data volume-labels-complete',
  'platform/docker_container.grafana container-healthcheck',
].sort();

function exception(overrides: Partial<PolicyException> = {}): PolicyException {
  return {
    id: 'EXC-2025-001',
    ruleId: 'container-not-privileged',
    resource: 'ministry-mef/docker_container.payroll_db_0',
    reason: 'Migration de la base de paie en cours ; conteneur isolé sur son réseau restreint, retrait prévu au 30 juin.',
    requestedBy: 'dsi.mef@finances.bj',
    approvedBy: 'rssi@asin.bj',
    createdAt: '2025-05-20T09:00:00Z',
    expiresAt: '2025-06-30T00:00:00Z',
    ...overrides,
  };
}

/** Same data, every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) out[key] = reverseKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

describe('evaluatePolicy on the good datacenter', () => {
  const report = evaluatePolicy({ stacks: goodWorld(), now: NOW, detail: 'full', exceptions: SWARM_EXCEPTIONS });
  const overlays = report.results.filter((r) => r.ruleId === 'network-swarm-scope' && r.status === 'suppressed').length;

  it('finds every rule compliant or not applicable, and does not block', () => {
    expect(findings(report).filter((f) => !f.endsWith(' network-swarm-scope'))).toEqual([]);
    expect(report.totals.byStatus.non_compliant).toBe(0);
    // Every overlay network, and nothing else, stands under the swarm exception.
    expect(report.totals.byStatus.suppressed).toBe(overlays);
    expect(overlays).toBe(9);
    expect(report.blocking).toBe(false);
    expect(report.blockingFindings).toBe(0);
  });

  it('exercises every rule: each one is compliant on at least one resource', () => {
    for (const summary of report.rules) expect(summary.counts.compliant, summary.ruleId).toBeGreaterThan(0);
    expect(report.ruleCount).toBe(allRules.length);
  });

  it('counts resources and results consistently', () => {
    // 7 networks, 2 volumes, 4 containers and 1 provider in the platform; MEF 2+1+2+4+2; MND 1+1+1+1.
    expect(report.resourceCount).toBe(14 + 11 + 4);
    expect(report.resources).toHaveLength(report.resourceCount);
    const byStatus = report.totals.byStatus;
    expect(byStatus.compliant + byStatus.not_applicable + byStatus.suppressed).toBe(report.results.length);
    const severityTotal = Object.values(report.totals.bySeverity).reduce((n, c) => n + c.compliant + c.not_applicable + c.suppressed, 0);
    expect(severityTotal).toBe(report.results.length);
  });

  it('produces a report that its own schema accepts', () => {
    expect(policyReportSchema.safeParse(report).success).toBe(true);
  });

  it('orders rows by resource, then by rule id', () => {
    const order = report.resources;
    const keys = report.results.map((r) => [order.indexOf(r.address), r.ruleId] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(report.stacks).toEqual(['ministry-mef', 'ministry-mnd', 'platform']);
  });

  it('keeps only findings by default', () => {
    const compact = evaluatePolicy({ stacks: goodWorld(), now: NOW, exceptions: SWARM_EXCEPTIONS });
    expect(compact.detail).toBe('findings');
    expect(compact.results.filter((r) => r.status !== 'suppressed')).toEqual([]);
    expect(compact.totals).toEqual(report.totals);
  });
});

describe('evaluatePolicy on the deliberately bad datacenter', () => {
  const report = evaluatePolicy({ stacks: badWorld(), now: NOW });

  it('fails exactly the expected rules on the expected resources', () => {
    expect(findings(report)).toEqual(BAD_FINDINGS);
    expect(report.results.every((r) => r.status === 'non_compliant')).toBe(true);
  });

  it('blocks, counting only high and critical findings', () => {
    expect(report.blocking).toBe(true);
    const highOrCritical = report.results.filter((r) => r.severity === 'critical' || r.severity === 'high');
    expect(report.blockingFindings).toBe(highOrCritical.length);
    // Grafana's healthcheck, and the swarm finding of each of the 9 overlay networks.
    expect(report.totals.bySeverity.low.non_compliant).toBe(1 + 9);
  });

  it('carries each rule’s severity and controls on its rows', () => {
    const row = report.results.find((r) => r.ruleId === 'container-not-privileged')!;
    expect(row.severity).toBe('critical');
    expect(row.controls['cis-docker-1.6.0']).toEqual(['5.5']);
    expect(row.message).toMatch(/privilégié/);
  });

  it('can run one pack only', () => {
    const pack = evaluatePolicy({ stacks: badWorld(), now: NOW, rules: tenancyIsolationPack.rules });
    expect(findings(pack)).toEqual(
      BAD_FINDINGS.filter((f) => tenancyIsolationPack.rules.some((r) => f.endsWith(` ${r.id}`))),
    );
    expect(pack.ruleCount).toBe(tenancyIsolationPack.rules.length);
  });
});

describe('exceptions in the evaluation', () => {
  it('a live exception suppresses its finding and records its id', () => {
    const report = evaluatePolicy({ stacks: badWorld(), now: NOW, exceptions: [exception()] });
    const row = report.results.find((r) => r.ruleId === 'container-not-privileged')!;
    expect(row.status).toBe('suppressed');
    expect(row.exceptionId).toBe('EXC-2025-001');
    expect(report.totals.byStatus.suppressed).toBe(1);
    expect(report.exceptions.applied).toEqual(['EXC-2025-001']);
    expect(report.blocking).toBe(true);
  });

  it('an expired exception no longer counts', () => {
    const later = new Date('2025-07-01T00:00:00Z');
    const report = evaluatePolicy({ stacks: badWorld(), now: later, exceptions: [exception()] });
    expect(report.results.find((r) => r.ruleId === 'container-not-privileged')!.status).toBe('non_compliant');
    expect(report.exceptions.inactive).toEqual(['EXC-2025-001']);
    expect(report.exceptions.applied).toEqual([]);
  });

  it('blocking clears only when every high and critical finding is covered', () => {
    const world = worldWith((w) => {
      resourceBlock(w, 'ministry-mef', 'docker_container', 'payroll_db_0')['privileged'] = true;
      delete resourceBlock(w, 'platform', 'docker_container', 'grafana')['healthcheck'];
    });
    expect(evaluatePolicy({ stacks: world, now: NOW }).blocking).toBe(true);
    const covered = evaluatePolicy({ stacks: world, now: NOW, exceptions: [exception()] });
    expect(covered.blocking).toBe(false);
    // The low-severity healthcheck finding stays visible but does not block (as do the 9 swarm findings).
    expect(covered.totals.byStatus.non_compliant).toBe(1 + 9);
  });

  it('a glob covers several resources, and an unmatched exception is reported unused', () => {
    const world = worldWith((w) => {
      for (const name of ['portal_web_0', 'portal_web_1']) delete resourceBlock(w, 'ministry-mef', 'docker_container', name)['healthcheck'];
    });
    const report = evaluatePolicy({
      stacks: world,
      now: NOW,
      exceptions: [
        exception({ id: 'EXC-2', ruleId: 'container-healthcheck', resource: 'ministry-mef/docker_container.portal_web_*' }),
        exception({ id: 'EXC-3', ruleId: 'container-read-only-rootfs', resource: 'ministry-mnd/*' }),
      ],
    });
    expect(report.results.filter((r) => r.ruleId !== 'network-swarm-scope').map((r) => [r.address, r.status, r.exceptionId])).toEqual([
      ['ministry-mef/docker_container.portal_web_0', 'suppressed', 'EXC-2'],
      ['ministry-mef/docker_container.portal_web_1', 'suppressed', 'EXC-2'],
    ]);
    expect(report.exceptions.unused).toEqual(['EXC-3']);
  });

  it('an exception never turns a compliant result into anything else', () => {
    const report = evaluatePolicy({ stacks: goodWorld(), now: NOW, detail: 'full', exceptions: [exception()] });
    expect(report.totals.byStatus.suppressed).toBe(0);
    expect(report.exceptions.unused).toEqual(['EXC-2025-001']);
  });

  it('rejects an exception approved by its own requester', () => {
    expect(() => evaluatePolicy({ stacks: badWorld(), now: NOW, exceptions: [exception({ approvedBy: 'DSI.MEF@finances.bj' })] })).toThrow(/other than its requester/);
  });

  it('created exceptions pass through the same evaluation', () => {
    const created = createPolicyException(
      {
        ruleId: 'container-image-pinned',
        resource: 'ministry-mnd/docker_container.api_0',
        reason: "Image du fournisseur publiée sans empreinte ; épinglage à la prochaine livraison.",
        requestedBy: 'dsi.mnd@numerique.bj',
        approvedBy: 'rssi@asin.bj',
        expiresAt: '2025-06-15T00:00:00Z',
      },
      { id: 'EXC-9', now: NOW },
    );
    const report = evaluatePolicy({ stacks: badWorld(), now: NOW, exceptions: [created] });
    expect(report.results.find((r) => r.ruleId === 'container-image-pinned')!.exceptionId).toBe('EXC-9');
  });
});

describe('report hash', () => {
  it('is the sha256 of the canonical JSON of the report without its hash', () => {
    const report = evaluatePolicy({ stacks: badWorld(), now: NOW, exceptions: [exception()], detail: 'full' });
    const { sha256, ...body } = report;
    expect(sha256).toBe(sha256Hex(canonicalJson(body)));
    expect(reportDigest(report)).toBe(sha256);
  });

  it('matches the generic canonical form even for awkward messages and exception ids', () => {
    const awkward = defineRule({
      id: 'test-awkward-message',
      title: 'Règle de test aux messages difficiles',
      titleEn: 'Test rule with awkward messages',
      severity: 'low',
      rationale: 'Vérifie que le hachage du rapport reste celui de sa forme canonique, quels que soient les caractères.',
      controls: { 'iso27001-2022': ['A.8.9'] },
      appliesTo: ['docker_volume'],
      evaluate: ({ resource }) => nonCompliant(`« ${resource.name} » "guillemets" \\ antislash\nligne\u2028 ${'é'.repeat(3)} \u0001`),
    });
    const report = evaluatePolicy({
      stacks: goodWorld(),
      now: NOW,
      rules: [awkward, ...allRules],
      detail: 'full',
      exceptions: [exception({ id: 'EXC "quoted" \\', ruleId: 'test-awkward-message', resource: 'platform/docker_volume.*' })],
    });
    const { sha256, ...body } = report;
    expect(report.totals.byStatus.suppressed).toBe(2);
    expect(sha256).toBe(sha256Hex(canonicalJson(body)));
  });

  it('does not depend on key order in the stacks nor on stack order', () => {
    const a = evaluatePolicy({ stacks: badWorld(), now: NOW, detail: 'full' });
    const reversed = reverseKeys(badWorld()) as World;
    const b = evaluatePolicy({ stacks: reversed, now: NOW, detail: 'full' });
    expect(Object.keys(reversed)).toEqual(['ministry-mnd', 'ministry-mef', 'platform']);
    expect(b.sha256).toBe(a.sha256);
    expect(b).toEqual(a);
  });

  it('changes when the evaluation instant, an input or the detail level changes', () => {
    const base = evaluatePolicy({ stacks: goodWorld(), now: NOW });
    expect(evaluatePolicy({ stacks: goodWorld(), now: new Date(NOW.getTime() + 1000) }).sha256).not.toBe(base.sha256);
    expect(evaluatePolicy({ stacks: badWorld(), now: NOW }).sha256).not.toBe(base.sha256);
    expect(evaluatePolicy({ stacks: goodWorld(), now: NOW, detail: 'full' }).sha256).not.toBe(base.sha256);
  });
});

describe('input handling', () => {
  it('rejects a stack that is not Terraform JSON', () => {
    expect(() => evaluatePolicy({ stacks: { platform: { resource: { docker_container: { x: 'oops' } } } } as unknown as World, now: NOW })).toThrow(/platform/);
  });

  it('reports a resource a rule cannot read instead of skipping it', () => {
    const world = worldWith((w) => {
      // A getter that throws stands for any malformed value a rule trips on.
      Object.defineProperty(resourceBlock(w, 'ministry-mnd', 'docker_container', 'api_0'), 'privileged', {
        enumerable: true,
        get() {
          throw new Error('valeur illisible');
        },
      });
    });
    const report = evaluatePolicy({ stacks: world, now: NOW });
    expect(findings(report)).toEqual(['ministry-mnd/docker_container.api_0 container-not-privileged']);
    expect(report.results.find((r) => r.ruleId === 'container-not-privileged')!.message).toMatch(/illisible/);
  });

  it('accepts the stacks as a Map, with the same result as a record', () => {
    const world = badWorld();
    const fromMap = evaluatePolicy({ stacks: new Map(Object.entries(world)), now: NOW });
    expect(fromMap).toEqual(evaluatePolicy({ stacks: world, now: NOW }));
  });

  it('evaluates an empty estate', () => {
    const report = evaluatePolicy({ stacks: {}, now: NOW });
    expect(report.resourceCount).toBe(0);
    expect(report.blocking).toBe(false);
  });

  it('parses addresses, provider blocks included', () => {
    expect(parseAddress('ministry-mef/docker_container.portal_web_0')).toEqual({ stack: 'ministry-mef', type: 'docker_container', name: 'portal_web_0' });
    expect(parseAddress('platform/provider.docker.dc1-r01-h01')).toEqual({ stack: 'platform', type: 'provider.docker', name: 'dc1-r01-h01' });
    expect(parseAddress('nonsense')).toBeNull();
  });

  it('keeps the fixture digest well-formed (guards the fixtures themselves)', () => {
    expect(DIGEST).toMatch(/^sha256:[a-f0-9]{64}$/);
  });
});
