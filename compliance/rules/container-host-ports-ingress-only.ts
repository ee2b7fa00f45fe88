import { isIngress } from './core/conventions.js';
import { describePort, publishedPorts, publishesAllPorts } from './core/container.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const NO_PORTS = compliant("Aucun port publié sur l'hôte.");
const INGRESS_PUBLISHES = compliant("Entrée de la plateforme : seule autorisée à publier des ports.");

export const containerHostPortsIngressOnly = defineRule({
  id: 'container-host-ports-ingress-only',
  title: "Seule l'entrée de la plateforme publie des ports sur l'hôte",
  titleEn: 'Only the platform ingress publishes host ports',
  severity: 'critical',
  rationale:
    "Tout flux entrant doit passer par l'entrée de la plateforme, où se font terminaison TLS, filtrage et journalisation. " +
    "Un service hébergé qui publie un port sur l'hôte ouvre une porte dérobée qui contourne ces contrôles et le cloisonnement.",
  controls: {
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-04', 'RESX-08'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const ports = publishedPorts(resource.attrs);
    const all = publishesAllPorts(resource.attrs);
    if (ports.length === 0 && !all) return NO_PORTS;
    if (isIngress(resource)) return INGRESS_PUBLISHES;
    const published = ports.map(describePort);
    if (all) published.unshift('publish_all_ports');
    return nonCompliant(`Conteneur autre que l'entrée publiant des ports sur l'hôte : ${published.join(', ')}.`);
  },
});
