/** Operations for evidence. */
import type { Operation } from './types.js';

export const evidenceOperations: Operation[] = [];
