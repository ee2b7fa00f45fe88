import { isIngress } from './core/conventions.js';
import { describePort, publishedPorts } from './core/container.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';

const NO_PORTS = notApplicable("Aucun port publié sur l'hôte.");
const INGRESS_WEB_ONLY = compliant("Seuls les ports web 80/443 de l'entrée sont sous 1024 (dérogation documentée dans la règle).");
const PASS = compliant('Aucun port privilégié publié.');

const HIGHEST_PRIVILEGED_PORT = 1024;
/** The public web ports the ingress exists to serve. */
const INGRESS_WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

export const containerNoPrivilegedPorts = defineRule({
  id: 'container-no-privileged-ports',
  title: "Pas de port privilégié (≤ 1024) publié sur l'hôte, hors 80/443 de l'entrée",
  titleEn: 'No privileged host port (≤ 1024) published, except 80/443 on the ingress',
  severity: 'medium',
  rationale:
    "Les ports bas de l'hôte sont ceux des services système (SSH, DNS…) : les publier depuis un conteneur brouille ce qui écoute " +
    "sur le serveur. Seule l'entrée de la plateforme publie 80 et 443, parce que c'est sa fonction et que les usagers les attendent ; " +
    "cette dérogation est écrite dans la règle plutôt que dans une exception à renouveler, et se limite à ces deux ports sur l'entrée.",
  controls: {
    'cis-docker-1.6.0': ['5.8'],
    'iso27001-2022': ['A.8.20'],
    'pssie-bj-2021': ['RESX-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const ports = publishedPorts(resource.attrs);
    if (ports.length === 0) return NO_PORTS;
    const ingress = isIngress(resource);
    const problems: string[] = [];
    let webPorts = 0;
    for (const port of ports) {
      if (port.external === undefined) continue;
      if (port.external === null) {
        problems.push(`${describePort(port)} (port externe non déterminable)`);
      } else if (port.external <= HIGHEST_PRIVILEGED_PORT) {
        if (ingress && INGRESS_WEB_PORTS.has(port.external)) webPorts += 1;
        else problems.push(describePort(port));
      }
    }
    if (problems.length > 0) return nonCompliant(`Ports privilégiés publiés : ${problems.join(', ')}.`);
    if (webPorts > 0) return INGRESS_WEB_ONLY;
    return PASS;
  },
});
