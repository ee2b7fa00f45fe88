import type { consoleFr } from './console.fr.js';

export const consoleEn: Record<keyof typeof consoleFr, string> = {
  'reason.neverApplied': 'never applied: nothing to compare',
  'reason.noWorkdir': 'no working directory for this stack on this machine',
  'reason.noBinary': 'no terraform or tofu on the PATH',
  'reason.interrupted': 'interrupted: the process applying it stopped',
  'reason.stepFailed': '{status} at step {step}: {detail}',
  'reason.exitCode': '{tool} {command} exited with code {code}',
  'reason.killed': '{tool} {command} was killed ({signal})',
  'reason.timedOut': 'timed out',
  'reason.status.failed': 'failed',
  'reason.status.timed-out': 'timed out',
  'reason.notExist': '{entity} does not exist',
  'reason.quota': 'the quota of {ministry} is not enough',
  'reason.capacity': 'the site capacity is not enough',
  'actor.system': 'the console (automatic)',
};
