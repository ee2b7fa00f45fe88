/** Why a backup, a verification or a restore could not be done, in words an operator can act on. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    message: string,
    /** Every problem found, when there are several (a verification lists them all). */
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}
