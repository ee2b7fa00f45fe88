/** Operations for tenancy spec, apply runs, policy runs. */
import type { Operation } from './types.js';

export const infraOperations: Operation[] = [];
