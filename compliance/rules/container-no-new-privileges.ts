import { securityOpts } from './core/container.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const PASS = compliant('no-new-privileges est activé.');

const ENABLED = /^\s*no-new-privileges(?:[:=]true)?\s*$/;
const DISABLED = /^\s*no-new-privileges[:=]false\s*$/;

export const containerNoNewPrivileges = defineRule({
  id: 'container-no-new-privileges',
  title: 'Acquisition de nouveaux privilèges interdite',
  titleEn: 'Container cannot acquire new privileges',
  severity: 'high',
  rationale:
    "L'option no-new-privileges empêche un processus de gagner des droits par un binaire setuid ou setgid présent dans l'image : " +
    "un compte applicatif reste un compte applicatif, même si l'image contient un outil mal configuré.",
  controls: {
    'cis-docker-1.6.0': ['5.26'],
    'iso27001-2022': ['A.8.2'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const opts = securityOpts(resource.attrs);
    if (opts.some((o) => DISABLED.test(o))) return nonCompliant('no-new-privileges est explicitement désactivé.');
    if (opts.some((o) => ENABLED.test(o))) return PASS;
    return nonCompliant('security_opts ne contient pas « no-new-privileges:true ».');
  },
});
