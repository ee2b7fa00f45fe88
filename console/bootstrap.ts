import { systemClock, type Clock } from './clock.js';
import { openDatabase, type Db } from './db/open.js';
import { syncCatalogs } from './services/catalogs/sync.js';

/** Opens the database, applies migrations and loads the certification catalogues. */
export function prepareDatabase(file: string, clock: Clock = systemClock): Db {
  const db = openDatabase(file);
  syncCatalogs({ ctx: { db, clock } });
  return db;
}
