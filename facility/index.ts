/** The facility model and its analysis: pure, no I/O, importable by the console and the bench. */
export * from './model.js';
export { EPSILON_W, type AnalysisInput, type Environment, type Replica } from './graph.js';
export * from './analysis.js';
export * from './headroom.js';
export * from './pue.js';
