/** The name the first administrator is created with; its password must not be built from it either. */
export const BOOTSTRAP_ADMIN_NAME = 'Administrateur';
