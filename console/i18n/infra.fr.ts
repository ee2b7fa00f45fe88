/** Strings of the service kinds and exposure fields of the request form (French, reference). */
export const infraFr = {
  'request.service.kind': 'Nature du service',
  'request.service.kindHint': 'Le gabarit de la nature donne à l’image ce qu’il lui faut (données, santé, mémoire partagée).',
  'request.service.kind.web': 'Application web',
  'request.service.kind.api': 'API',
  'request.service.kind.worker': 'Traitement en arrière-plan',
  'request.service.kind.postgresql': 'Base PostgreSQL',
  'request.service.kind.redis': 'Cache Redis',
  'request.service.exposePort': 'Port publié par l’entrée',
  'request.service.exposePortHint': 'Vide : service joignable dans l’environnement seulement. Jamais pour une base ou un cache.',
  'request.service.exposeHostname': 'Nom d’hôte publié',
  'request.service.exposeHostnameHint': 'Sous le domaine de la plateforme, par exemple « sigfip » pour sigfip.hebergement.gouv.bj.',
  'readiness.docker-tls-found': 'Matériel TLS de chaque moteur Docker joint en TCP présent (autorité, certificat, clé).',
  'readiness.docker-tls-missing': 'Matériel TLS manquant pour les moteurs Docker : {files}.',
} as const;
