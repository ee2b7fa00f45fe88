/**
 * The API contract: every operation of the OpenAPI document is called on the Benin demo data,
 * and every real answer — successes and problems — is checked against the document (declared
 * status, media type, body valid against the schema generated from the handlers' zod types).
 * An operation added without a response schema, or never called here, is named.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenancySpec } from '../../infra/spec.js';
import type { TerraformJson } from '../../infra/synth.js';
import { createApp } from '../../console/app.js';
import { operations } from '../../console/api/openapi.js';
import { loginLimiters } from '../../console/auth/rate-limit.js';
import { prepareDatabase } from '../../console/bootstrap.js';
import { manualClock } from '../../console/clock.js';
import { closeDatabase, type Db } from '../../console/db/open.js';
import { seedDemo } from '../../console/demo/seed.js';
import { parseConfig } from '../../console/env.js';
import { createLogger } from '../../console/logger.js';
import { TEST_SETTINGS } from '../helpers/test-settings.js';
import { totpCode } from '../../console/auth/totp.js';
import { contractChecker, type OpenApiDocument } from '../helpers/contract.js';
import type { ResponseBody } from '../helpers/harness.js';

const PASSWORD = 'demo-password-contract';
const IMAGE = 'registry.asin.bj/demo/app:1.0@sha256:' + 'b'.repeat(64);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x41), Buffer.from('\n%%EOF\n')]);

/** Stacks of terraform_data resources only: a real apply needs no provider download. */
function dataStacks(spec: TenancySpec): Map<string, TerraformJson> {
  const terraform = { backend: { local: { path: 'terraform.tfstate' } } };
  const stacks = new Map<string, TerraformJson>([['platform', { terraform, resource: { terraform_data: { ingress: { input: spec.platform.domain } } } }]]);
  for (const m of spec.ministries) {
    const resources: Record<string, unknown> = {};
    for (const e of m.environments) resources[e.name.replace(/-/g, '_')] = { input: { services: e.services.map((s) => `${s.name}:${s.replicas}`) } };
    stacks.set(`ministry-${m.code.toLowerCase()}`, Object.keys(resources).length ? { terraform, resource: { terraform_data: resources } } : { terraform });
  }
  return stacks;
}

interface Answer {
  status: number;
  headers: Headers;
  body: ResponseBody;
}

let dir: string;
let db: Db;
let clock: ReturnType<typeof manualClock>;
let app: ReturnType<typeof createApp>;
let doc: OpenApiDocument;
let checker: ReturnType<typeof contractChecker>;
const sessions = new Map<string, { cookie: string; csrf: string }>();
const problems: string[] = [];
/** operationId → statuses really answered. */
const answered = new Map<string, Set<number>>();

async function send(who: string | null, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const h: Record<string, string> = { ...headers };
  const session = who ? sessions.get(who) : undefined;
  if (who && !session) throw new Error(`no session for ${who}`);
  if (session) {
    h.cookie = session.cookie;
    if (method !== 'GET') h['x-csrf-token'] = session.csrf;
  }
  let payload: string | Buffer | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  const res = await app.request(url, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
  const type = res.headers.get('content-type');
  const raw = Buffer.from(await res.arrayBuffer());
  let parsed: unknown = raw.length === 0 ? null : raw.toString('utf8');
  if (type?.includes('json') && raw.length > 0) parsed = JSON.parse(raw.toString('utf8')) as unknown;
  problems.push(...checker.check(method, url, res.status, type, parsed));
  const route = checker.operationOf(method, url);
  if (route) {
    const seen = answered.get(route.op.operationId) ?? new Set<number>();
    seen.add(res.status);
    answered.set(route.op.operationId, seen);
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Calls, and insists on the status the scenario expects (the contract check runs either way). */
async function expectCall(status: number, who: string | null, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ResponseBody> {
  const res = await send(who, method, url, body, headers);
  if (res.status !== status) throw new Error(`${method} ${url} as ${who}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function signIn(who: string, email: string, password = PASSWORD): Promise<ResponseBody> {
  const res = await send(null, 'POST', '/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(res.body)}`);
  sessions.set(who, { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (res.body as { csrfToken: string }).csrfToken });
  return res.body;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcops-contract-'));
  clock = manualClock(new Date('2026-11-21T08:00:00.000Z'));
  db = prepareDatabase(join(dir, 'dcops.db'), clock);
  await seedDemo({ db, clock, password: PASSWORD, scryptN: 1024, dataDir: dir });
  // The second factor is exercised below on one account; write limits would only slow the walk.
  const config = parseConfig({ DCOPS_DATA_DIR: dir, LOG_LEVEL: 'silent', ...TEST_SETTINGS });
  app = createApp({ db, clock, config, logger: createLogger('silent'), registry: new Registry(), limiters: loginLimiters(clock), infra: { synthesize: dataStacks } });
  doc = (await (await app.request('/api/v1/openapi.json')).json()) as OpenApiDocument;
  checker = contractChecker(doc);
  for (const [who, email] of [
    ['admin', 'admin@demo.dcops.bj'],
    ['operator', 'operator@demo.dcops.bj'],
    ['operator2', 'operator2@demo.dcops.bj'],
    ['auditor', 'auditor@demo.dcops.bj'],
    ['mef', 'requester.mef@demo.dcops.bj'],
  ] as const) {
    await signIn(who, email);
  }
});
afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('API contract', () => {
  it('gives every JSON operation a response schema', () => {
    const missing = operations
      .filter((op) => op.success !== 204 && !op.response && (op.responseMediaType === undefined || op.responseMediaType.endsWith('json')))
      .map((op) => `${op.method.toUpperCase()} ${op.path}: declare its response schema (response: in console/api/operations/, schema named in console/api/responses/)`);
    expect(missing).toEqual([]);
  });

  it('answers every operation on the demo data as the document says', { timeout: 180_000 }, async () => {
    const v1 = '/api/v1';
    // Accounts and tokens.
    await expectCall(200, 'admin', 'GET', `${v1}/auth/me`);
    await expectCall(200, 'admin', 'GET', `${v1}/auth/tokens?limit=5`);
    const token = await expectCall(201, 'admin', 'POST', `${v1}/auth/tokens`, { name: 'contrat' });
    await expectCall(200, 'admin', 'DELETE', `${v1}/auth/tokens/${token.id}`);
    await expectCall(200, 'admin', 'GET', `${v1}/users`);
    const created = await expectCall(201, 'admin', 'POST', `${v1}/users`, { email: 'contrat@demo.dcops.bj', name: 'Compte de contrat', role: 'auditor' });
    await expectCall(200, 'admin', 'GET', `${v1}/users/${created.user.id}`);
    await expectCall(200, 'admin', 'PATCH', `${v1}/users/${created.user.id}`, { name: 'Compte du contrat' });

    // Own sessions, password, second factor (on the account just created).
    await signIn('contrat', 'contrat@demo.dcops.bj', created.generatedPassword);
    await signIn('contrat2', 'contrat@demo.dcops.bj', created.generatedPassword);
    const own = await expectCall(200, 'contrat', 'GET', `${v1}/auth/sessions`);
    const otherSession = own.items.find((x: { current: boolean }) => !x.current);
    await expectCall(200, 'contrat', 'DELETE', `${v1}/auth/sessions/${otherSession.id}`);
    const password = 'Zébu-de-Cotonou-sous-la-pluie-2026';
    await expectCall(200, 'contrat', 'POST', `${v1}/auth/password`, { currentPassword: created.generatedPassword, newPassword: password });
    const enrolment = await expectCall(200, 'contrat', 'POST', `${v1}/auth/mfa/enrol`);
    const enabled = await expectCall(200, 'contrat', 'POST', `${v1}/auth/mfa/enrol/confirm`, { code: totpCode(enrolment.secret, clock.now()) });
    const pending = await signIn('contrat', 'contrat@demo.dcops.bj', password);
    expect(pending.mfa).toBe('pending');
    await expectCall(200, 'contrat', 'GET', `${v1}/auth/me`);
    await expectCall(200, 'contrat', 'POST', `${v1}/auth/mfa/verify`, { code: enabled.recoveryCodes[0] });
    await expectCall(401, 'contrat', 'POST', `${v1}/auth/mfa/verify`, { code: '000000' });
    await expectCall(200, 'contrat', 'POST', `${v1}/auth/mfa/disable`, { password, code: enabled.recoveryCodes[1] });

    // Ministries and site.
    await expectCall(200, 'mef', 'GET', `${v1}/ministries`);
    await expectCall(201, 'admin', 'POST', `${v1}/ministries`, { code: 'MCONTRAT', name: 'Ministère du contrat', quotas: { vcpu: 8, memoryMb: 8192, storageGb: 100, environments: 2 } });
    await expectCall(200, 'mef', 'GET', `${v1}/ministries/MEF`);
    await expectCall(200, 'admin', 'PATCH', `${v1}/ministries/MCONTRAT`, { name: 'Ministère du contrat (renommé)' });
    await expectCall(200, 'operator', 'GET', `${v1}/site/hosts?limit=3&offset=1`);
    await expectCall(201, 'operator', 'POST', `${v1}/site/hosts`, { name: 'dc1-r09-h01', dockerHost: 'tcp://10.20.9.11:2376', vcpu: 32, memoryMb: 65536, storageGb: 2000, powerFeed: 'A', zone: 'salle-2' });
    await expectCall(200, 'operator', 'GET', `${v1}/site/hosts/dc1-r09-h01`);
    await expectCall(200, 'operator', 'PATCH', `${v1}/site/hosts/dc1-r09-h01`, { schedulable: false });

    // A hosting request through its whole lifecycle, and one rejected.
    const service = { name: 'api', image: IMAGE, vcpu: 1, memoryMb: 1024, storageGb: 10, ports: [8080], healthcheck: { test: ['CMD', 'true'] }, replicas: 1 };
    const draft = { environmentName: 'contrat', purpose: 'Contrat de l’API', classification: 'internal', exposure: 'government', availability: 'standard', backup: { policy: 'daily', retentionDays: 30 }, services: [service] };
    await expectCall(200, 'operator', 'GET', `${v1}/requests?state=active&limit=5`);
    const req = await expectCall(201, 'mef', 'POST', `${v1}/requests`, draft);
    await expectCall(200, 'mef', 'GET', `${v1}/requests/${req.id}`);
    await expectCall(200, 'mef', 'PATCH', `${v1}/requests/${req.id}`, { version: req.version, purpose: 'Contrat de l’API, relu' });
    const steps: [string, string, unknown?][] = [
      ['mef', 'submit'],
      ['operator', 'request-changes', { comment: 'préciser la sauvegarde' }],
      ['mef', 'submit'],
      ['operator', 'approve'],
      ['operator', 'start-provisioning'],
      ['admin', 'activate', { comment: 'pile appliquée hors de la console, vérifiée' }],
      ['mef', 'request-decommission'],
      ['operator', 'decommission'],
    ];
    for (const [who, action, body] of steps) await expectCall(200, who, 'POST', `${v1}/requests/${req.id}/${action}`, body);
    const other = await expectCall(201, 'mef', 'POST', `${v1}/requests`, { ...draft, environmentName: 'contrat-refuse' });
    await expectCall(200, 'mef', 'POST', `${v1}/requests/${other.id}/submit`);
    await expectCall(200, 'operator', 'POST', `${v1}/requests/${other.id}/reject`, { comment: 'hors périmètre' });

    // Audit trail, with its cursor.
    const page = await expectCall(200, 'auditor', 'GET', `${v1}/audit?limit=5`);
    await expectCall(200, 'auditor', 'GET', `${v1}/audit?limit=5&before=${page.nextBefore}`);
    await expectCall(200, 'auditor', 'GET', `${v1}/audit/verify`);

    // Infrastructure: spec, plan, drift, apply, policy.
    await expectCall(200, 'auditor', 'GET', `${v1}/tenancy/spec`);
    await expectCall(200, 'auditor', 'GET', `${v1}/runs/readiness`);
    const plan = await expectCall(201, 'operator', 'POST', `${v1}/runs`);
    const platform = plan.runs.find((r: { stack: string }) => r.stack === 'platform');
    await expectCall(200, 'auditor', 'GET', `${v1}/runs?limit=3`);
    await expectCall(200, 'auditor', 'GET', `${v1}/runs/${platform.id}`);
    await expectCall(200, 'operator2', 'POST', `${v1}/runs/${platform.id}/approve`);
    await expectCall(200, 'operator', 'POST', `${v1}/runs/${platform.id}/apply`);
    await expectCall(200, 'operator', 'POST', `${v1}/runs/drift`);
    await expectCall(200, 'auditor', 'GET', `${v1}/runs/drift`);
    await expectCall(201, 'operator', 'POST', `${v1}/policy-runs`);
    await expectCall(200, 'auditor', 'GET', `${v1}/policy-runs?limit=2`);
    const latest = await expectCall(200, 'auditor', 'GET', `${v1}/policy-runs/latest`);
    await expectCall(200, 'auditor', 'GET', `${v1}/policy-runs/${latest.id}?status=non_compliant`);

    // Frameworks and controls.
    await expectCall(200, 'mef', 'GET', `${v1}/frameworks`);
    for (const framework of ['iso27001-2022', 'pssie-bj-2021', 'tia942-r3', 'cis-docker-1.6.0']) {
      await expectCall(200, 'auditor', 'GET', `${v1}/frameworks/${framework}`);
      const controls = await expectCall(200, 'auditor', 'GET', `${v1}/controls?framework=${framework}&limit=3`);
      await expectCall(200, 'auditor', 'GET', `${v1}/controls/${framework}/${encodeURIComponent(controls.items[0].id)}`);
    }
    await expectCall(200, 'mef', 'GET', `${v1}/controls/iso27001-2022/A.5.15`);
    await expectCall(200, 'operator', 'PUT', `${v1}/controls/iso27001-2022/A.5.1/status`, { version: 0, applicable: true, implementation: 'planned', owner: 'RSSI', reviewed: true });

    // Evidence: a note, a file; reviews.
    await expectCall(200, 'auditor', 'GET', `${v1}/evidence?limit=5`);
    const note = await expectCall(201, 'operator', 'POST', `${v1}/evidence`, { title: 'Note du contrat', kind: 'note', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }] });
    await expectCall(201, 'operator', 'POST', `${v1}/evidence/${note.id}/versions`, { note: 'Politique relue en comité', effectiveAt: '2026-11-01' });
    await expectCall(201, 'operator', 'POST', `${v1}/evidence/${note.id}/versions`, { note: 'Seconde version', effectiveAt: '2026-11-02' });
    await expectCall(200, 'auditor', 'POST', `${v1}/evidence/${note.id}/versions/1/reject`, { comment: 'incomplète' });
    const accepted = await expectCall(200, 'auditor', 'POST', `${v1}/evidence/${note.id}/versions/2/accept`);
    const file = await expectCall(201, 'operator', 'POST', `${v1}/evidence`, { title: 'Fichier du contrat', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }] });
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'contrat.pdf');
    form.append('effectiveAt', '2026-11-01');
    await expectCall(201, 'operator', 'POST', `${v1}/evidence/${file.id}/versions`, form);
    await expectCall(200, 'auditor', 'GET', `${v1}/evidence/${file.id}`);
    await expectCall(200, 'auditor', 'GET', `${v1}/evidence/${file.id}/versions/1/download`);

    // Findings.
    await expectCall(200, 'auditor', 'GET', `${v1}/findings?status=open`);
    const finding = await expectCall(201, 'auditor', 'POST', `${v1}/findings`, { title: 'Politique non relue', description: 'La politique n’a pas été relue cette année.', grade: 'minor', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }] });
    await expectCall(200, 'auditor', 'GET', `${v1}/findings/${finding.id}`);
    const planned = await expectCall(200, 'operator', 'POST', `${v1}/findings/${finding.id}/plan`, { version: finding.version, correctiveAction: 'Relire la politique en comité', owner: 'RSSI', dueDate: '2026-12-31' });
    const rooted = await expectCall(200, 'operator', 'POST', `${v1}/findings/${finding.id}/root-cause`, { version: planned.version, rootCause: 'La relecture annuelle n’était inscrite à aucun calendrier.' });
    const acted = await expectCall(201, 'operator', 'POST', `${v1}/findings/${finding.id}/actions`, { version: rooted.version, description: 'Inscrire la relecture au calendrier du comité', owner: 'RSSI', dueDate: '2026-12-31' });
    const action = acted.actions[0];
    const done = await expectCall(200, 'operator', 'POST', `${v1}/findings/${finding.id}/actions/${action.id}`, { version: action.version, status: 'done' });
    const proposed = await expectCall(200, 'operator', 'POST', `${v1}/findings/${finding.id}/propose-closure`, { version: done.version, closingEvidenceVersionId: accepted.latestVersion.id });
    const closureRefused = await expectCall(200, 'auditor', 'POST', `${v1}/findings/${finding.id}/reject-closure`, { version: proposed.version, comment: 'Il manque le compte rendu du comité.' });
    const again = await expectCall(200, 'operator', 'POST', `${v1}/findings/${finding.id}/propose-closure`, { version: closureRefused.version, closingEvidenceVersionId: accepted.latestVersion.id });
    const closed = await expectCall(200, 'auditor', 'POST', `${v1}/findings/${finding.id}/close`, { version: again.version, closingEvidenceVersionId: accepted.latestVersion.id });
    await expectCall(200, 'auditor', 'POST', `${v1}/findings/${finding.id}/reopen`, { version: closed.version, comment: 'La relecture n’a finalement pas eu lieu.' });
    await expectCall(200, 'auditor', 'GET', `${v1}/findings/${finding.id}/history?limit=3&offset=1`);

    // Policy exceptions.
    await expectCall(200, 'auditor', 'GET', `${v1}/exceptions?live=true`);
    const exception = { ruleId: 'container-read-only-rootfs', resource: 'ministry-mef/docker_container.svc--contrat--api--r*', reason: 'Le cache applicatif écrit hors des volumes', expiresAt: '2027-01-31T00:00:00Z' };
    const asked = await expectCall(201, 'operator', 'POST', `${v1}/exceptions`, exception);
    await expectCall(200, 'auditor', 'GET', `${v1}/exceptions/${asked.id}`);
    await expectCall(200, 'operator2', 'POST', `${v1}/exceptions/${asked.id}/approve`, { comment: 'accordé' });
    await expectCall(200, 'operator', 'POST', `${v1}/exceptions/${asked.id}/revoke`);
    const refused = await expectCall(201, 'operator', 'POST', `${v1}/exceptions`, exception);
    await expectCall(200, 'operator2', 'POST', `${v1}/exceptions/${refused.id}/reject`);

    // Exports.
    for (const path of [
      'soa.csv',
      'soa',
      'oscal/system-security-plan.json',
      'oscal/assessment-plan.json',
      'oscal/assessment-results.json',
      'oscal/plan-of-action-and-milestones.json',
      'oscal/catalogs/iso27001-2022.json',
      'oscal/profiles/datacenter-national.json',
      'evidence-package.zip',
    ]) {
      await expectCall(200, 'auditor', 'GET', `${v1}/exports/${path}`);
    }

    // The risk register.
    const current = await expectCall(200, 'auditor', 'GET', `${v1}/risks/matrix`);
    const { version: matrixVersion, likelihood, impact, thresholds } = current;
    await expectCall(200, 'admin', 'PUT', `${v1}/risks/matrix`, { version: matrixVersion, likelihood, impact, thresholds, maxAcceptanceDays: 365 });
    await expectCall(200, 'auditor', 'GET', `${v1}/risks/metrics`);
    await expectCall(200, 'auditor', 'GET', `${v1}/assets?limit=5`);
    await expectCall(200, 'operator', 'POST', `${v1}/assets/draw`, { ownerEmail: 'operator@demo.dcops.bj' });
    const asset = await expectCall(201, 'operator', 'POST', `${v1}/assets`, { kind: 'room', code: 'SALLE-CONTRAT', name: 'Salle du contrat', description: 'Salle serveurs de test', ownerEmail: 'admin@demo.dcops.bj' });
    await expectCall(200, 'operator', 'PATCH', `${v1}/assets/${asset.id}`, { version: asset.version, description: 'Salle serveurs de test, relue' });
    const risks = await expectCall(200, 'auditor', 'GET', `${v1}/risks?limit=5`);
    await expectCall(200, 'auditor', 'GET', `${v1}/risks/${risks.items[0].id}`);
    const raised = await expectCall(201, 'operator', 'POST', `${v1}/risks`, {
      assetId: asset.id,
      title: 'Inondation de la salle du contrat',
      threat: 'Pluies diluviennes',
      vulnerability: 'Salle en rez-de-chaussée',
      consequence: 'Arrêt des services hébergés',
      likelihood: 2,
      impact: 4,
      ownerEmail: 'admin@demo.dcops.bj',
    });
    const treated = await expectCall(200, 'operator', 'POST', `${v1}/risks/${raised.id}/treat`, { version: raised.version, treatment: 'accept', plan: 'Accepté en attendant le déménagement', residualLikelihood: 2, residualImpact: 4 });
    await expectCall(200, 'admin', 'POST', `${v1}/risks/${raised.id}/accept`, { version: treated.version, expiresOn: '2027-06-30', comment: 'Risque accepté jusqu’au déménagement' });

    // The facility model, its analysis and its readings.
    await expectCall(200, 'auditor', 'GET', `${v1}/dcim/overview`);
    await expectCall(200, 'auditor', 'GET', `${v1}/dcim/components?limit=5&offset=2`);
    const facility = await expectCall(200, 'operator', 'GET', `${v1}/dcim/export.json`);
    await expectCall(200, 'operator', 'GET', `${v1}/dcim/export.csv`);
    await expectCall(200, 'auditor', 'GET', `${v1}/dcim/what-if/ups-1`);
    await expectCall(200, 'auditor', 'GET', `${v1}/dcim/sweep`);
    await expectCall(200, 'operator', 'POST', `${v1}/dcim/sweep`);
    const room = { id: 'salle-contrat', kind: 'room', name: 'Salle du contrat', parent: 'dc1', areaM2: 40 };
    await expectCall(200, 'operator', 'PUT', `${v1}/dcim/components/salle-contrat`, room);
    await expectCall(200, 'operator', 'DELETE', `${v1}/dcim/components/salle-contrat`);
    await expectCall(201, 'operator', 'POST', `${v1}/dcim/readings`, { readings: [{ componentId: 'ups-1', metric: 'power_w', value: 120_000 }] });
    await expectCall(200, 'operator', 'POST', `${v1}/dcim/import`, facility);
    await expectCall(404, 'auditor', 'GET', `${v1}/dcim/what-if/nulle-part`);

    // The security-event log (downloads, exports and refusals above wrote to it), with its cursor.
    const events = await expectCall(200, 'auditor', 'GET', `${v1}/audit/security-events?limit=2`);
    expect(events.nextBefore).not.toBeNull();
    await expectCall(200, 'auditor', 'GET', `${v1}/audit/security-events?limit=2&before=${events.nextBefore}`);
    await expectCall(200, 'auditor', 'GET', `${v1}/audit/security-events/verify`);

    // Problems are part of the contract too.
    await expectCall(401, null, 'GET', `${v1}/requests`);
    await expectCall(403, 'mef', 'GET', `${v1}/users`);
    await expectCall(404, 'mef', 'GET', `${v1}/requests/00000000-0000-0000-0000-000000000000`);
    await expectCall(422, 'mef', 'POST', `${v1}/requests`, { ...draft, classification: 'top-secret' });
    await expectCall(422, 'operator', 'GET', `${v1}/requests?limit=100000`);
    await expectCall(400, 'mef', 'POST', `${v1}/requests`, '{"environmentName":');
    await expectCall(415, 'mef', 'POST', `${v1}/requests`, 'environmentName=x', { 'content-type': 'application/x-www-form-urlencoded' });
    await expectCall(409, 'operator', 'POST', `${v1}/requests/${req.id}/approve`);
    await expectCall(404, 'auditor', 'GET', `${v1}/evidence/${note.id}/versions/9/download`);
    await expectCall(204, 'operator2', 'POST', `${v1}/auth/logout`);

    expect(problems).toEqual([]);
    const never = doc.paths && Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => ![...(answered.get(op.operationId) ?? [])].some((s) => s < 300))
        .map(([method, op]) => `${op.operationId} (${method.toUpperCase()} ${path}): add a call to this test`),
    );
    expect(never).toEqual([]);
  });

  it('refuses an answer that drifts from its schema', async () => {
    const res = await send('auditor', 'GET', '/api/v1/ministries/MEF');
    expect(checker.check('GET', '/api/v1/ministries/MEF', res.status, 'application/json', res.body)).toEqual([]);
    const extra = { ...res.body, secretQuota: 1 };
    expect(checker.check('GET', '/api/v1/ministries/MEF', 200, 'application/json', extra).join('\n')).toContain('must NOT have additional properties');
    const renamed = { ...res.body, quotas: { ...res.body.quotas, vcpu: 'beaucoup' } };
    expect(checker.check('GET', '/api/v1/ministries/MEF', 200, 'application/json', renamed).join('\n')).toContain('/quotas/vcpu');
    const { total: _total, ...unpaged } = (await send('auditor', 'GET', '/api/v1/ministries')).body;
    expect(checker.check('GET', '/api/v1/ministries', 200, 'application/json', unpaged).join('\n')).toContain('total');
    expect(checker.check('GET', '/api/v1/ministries', 500, 'application/json', {}).join('\n')).toContain('not declared');
  });
});
