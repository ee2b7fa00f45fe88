import { describePort, publishedPorts, publishesAllPorts } from './core/container.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';
import { isReference } from './core/values.js';

const NO_PORTS = notApplicable("Aucun port publié sur l'hôte.");

const ALL_INTERFACES: ReadonlySet<string> = new Set(['', '0.0.0.0', '::', '[::]']);

export const containerPortsBoundToInterface = defineRule({
  id: 'container-ports-bound-to-interface',
  title: "Ports publiés liés à une interface précise de l'hôte",
  titleEn: 'Published ports are bound to a specific host interface',
  severity: 'high',
  rationale:
    "Un port publié sans adresse écoute sur toutes les interfaces de l'hôte, y compris le réseau d'administration. " +
    "Lier chaque port à l'adresse du réseau prévu (frontal public ou réseau gouvernemental) garde les flux là où ils sont autorisés.",
  controls: {
    'cis-docker-1.6.0': ['5.14'],
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-04', 'RESX-08'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const ports = publishedPorts(resource.attrs);
    const all = publishesAllPorts(resource.attrs);
    if (ports.length === 0 && !all) return NO_PORTS;
    const problems = ports.filter((p) => p.ip === undefined || ALL_INTERFACES.has(p.ip.trim()) || isReference(p.ip)).map(describePort);
    if (all) problems.unshift('publish_all_ports (toutes interfaces)');
    if (problems.length > 0) return nonCompliant(`Ports publiés sur toutes les interfaces ou sur une adresse inconnue : ${problems.join(', ')}.`);
    return compliant(`Ports liés à une interface précise : ${ports.map(describePort).join(', ')}.`);
  },
});
