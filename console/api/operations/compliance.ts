/** Operations for frameworks, controls, findings, exceptions, exports. */
import type { Operation } from './types.js';

export const complianceOperations: Operation[] = [];
