/** Operations of the risk register (ISO/IEC 27005). */
import { acceptRiskInput, createAssetInput, createRiskInput, drawTenancyAssetsInput, listRisksQuery, treatRiskInput, updateAssetInput, updateMatrixInput } from '../risk-schemas.js';
import * as r from '../responses/risks.js';
import { pageQuery } from '../schemas.js';
import type { Operation } from './types.js';

const readers = 'operator, auditor, admin';
const writers = 'operator, admin';

export const riskOps = {
  listRisks: { method: 'get', path: '/risks', summary: 'The risk register, highest residual first: each risk with its asset, scenario, inherent score, residual reached (a reduced risk keeps its inherent score until every linked control is implemented), treatment and derived state (identified, treatment_planned, accepted, review)', tag: 'risks', roles: readers, query: listRisksQuery, success: 200, response: r.riskList },
  createRisk: { method: 'post', path: '/risks', summary: 'Identify a risk scenario (threat, vulnerability, consequence) on an asset, with its inherent likelihood and impact and its owner; numbered R-<n>', tag: 'risks', roles: writers, body: createRiskInput, success: 201, response: r.risk },
  riskMetrics: { method: 'get', path: '/risks/metrics', summary: 'Risks by inherent and residual level, by state, the heat map cells and acceptances ending within 30 days', tag: 'risks', roles: readers, success: 200, response: r.riskMetrics },
  getMatrix: { method: 'get', path: '/risks/matrix', summary: 'The likelihood × impact matrix: scale labels, level thresholds (score = likelihood × impact), longest acceptance', tag: 'risks', roles: readers, success: 200, response: r.riskMatrix },
  updateMatrix: { method: 'put', path: '/risks/matrix', summary: 'Change the matrix; a scale cannot shrink below a score in use; `version` guards concurrent edits (0 for the default matrix)', tag: 'risks', roles: 'admin', body: updateMatrixInput, success: 200, response: r.riskMatrix, errors: [409] },
  listAssets: { method: 'get', path: '/assets', summary: 'Assets of the register: ministry environments (with their classification), platform components and facility elements (rooms, power, cooling, network links), each with an owner', tag: 'risks', roles: readers, query: pageQuery, success: 200, response: r.riskAssetList },
  createAsset: { method: 'post', path: '/assets', summary: 'Register one asset; a facility asset may carry a free reference to the facility model', tag: 'risks', roles: writers, body: createAssetInput, success: 201, response: r.riskAsset, errors: [409] },
  drawAssets: { method: 'post', path: '/assets/draw', summary: 'Add every hosted ministry environment and platform component not yet in the register', tag: 'risks', roles: writers, body: drawTenancyAssetsInput, success: 200, response: r.drawnAssets },
  updateAsset: { method: 'patch', path: '/assets/:id', summary: 'Change an asset (a new version: acceptances of its risks go back to review)', tag: 'risks', roles: writers, body: updateAssetInput, success: 200, response: r.riskAsset, errors: [409] },
  getRisk: { method: 'get', path: '/risks/:id', summary: 'One risk', tag: 'risks', roles: readers, success: 200, response: r.risk },
  treatRisk: { method: 'post', path: '/risks/:id/treat', summary: 'Choose the treatment (reduce with controls of any framework, accept, avoid, transfer), its plan and target residual; voids any acceptance', tag: 'risks', roles: writers, body: treatRiskInput, success: 200, response: r.risk, errors: [409] },
  acceptRisk: { method: 'post', path: '/risks/:id/accept', summary: 'The risk owner — never the person who identified the risk — accepts the residual risk until a date; the acceptance returns to review when it expires or when the asset or a linked control changes', tag: 'risks', roles: 'the risk owner (operator, auditor or admin)', body: acceptRiskInput, success: 200, response: r.risk, errors: [409] },
} satisfies Record<string, Operation>;

export const riskOperations: Operation[] = Object.values(riskOps);
