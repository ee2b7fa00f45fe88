/** Keys of the everyday console (language, phone, request form, approval queue, what a ministry got). */
export const consoleFr = {
  // Reasons the console and terraform give for a run or a drift check
  'reason.neverApplied': 'jamais appliquée : rien à comparer',
  'reason.noWorkdir': 'pas de répertoire de travail pour cette pile sur cette machine',
  'reason.noBinary': 'ni terraform ni tofu sur le PATH',
  'reason.interrupted': 'interrompue : le processus qui l’appliquait s’est arrêté',
  'reason.stepFailed': '{status} à l’étape {step} : {detail}',
  'reason.exitCode': '{tool} {command} s’est terminé avec le code {code}',
  'reason.killed': '{tool} {command} a été arrêté ({signal})',
  'reason.timedOut': 'délai dépassé',
  'reason.status.failed': 'échec',
  'reason.status.timed-out': 'délai dépassé',
  'reason.notExist': '{entity} n’existe pas',
  'reason.quota': 'le quota de {ministry} ne suffit pas',
  'reason.capacity': 'la capacité du site ne suffit pas',
  'actor.system': 'la console (automatique)',
} as const;
