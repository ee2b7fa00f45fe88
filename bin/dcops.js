#!/usr/bin/env node
// The `dcops` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../console/cli.ts');
