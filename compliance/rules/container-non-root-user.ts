import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const PASS = compliant('Utilisateur non root fixé par la configuration.');

export const containerNonRootUser = defineRule({
  id: 'container-non-root-user',
  title: 'Processus lancé sous un utilisateur non root',
  titleEn: 'Container runs as a non-root user',
  severity: 'high',
  rationale:
    "Sans utilisateur explicite, la plupart des images s'exécutent en root ; une évasion du conteneur donne alors root " +
    "sur l'hôte. Un utilisateur dédié, fixé par l'infrastructure plutôt que par l'image, limite ce qu'une compromission permet.",
  controls: {
    'cis-docker-1.6.0': ['4.1'],
    'iso27001-2022': ['A.8.2'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const user = readString(resource.attrs['user'])?.trim();
    if (user === undefined || user === '') return nonCompliant("Aucun utilisateur fixé : l'image décide, souvent root.");
    if (isReference(user)) return nonCompliant("L'utilisateur n'est pas connu avant application.");
    // `user` is `name`, `uid`, `name:group` or `uid:gid`; only the user part decides root.
    const name = user.split(':')[0]!.trim();
    if (name === '' || name === 'root' || /^0+$/.test(name)) return nonCompliant(`Le conteneur s'exécute en root (user = « ${user} »).`);
    return PASS;
  },
});
