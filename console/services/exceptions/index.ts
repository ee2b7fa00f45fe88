/** Policy exceptions: requested, decided by someone else, revoked; policy runs read `liveExceptions`. */
export { liveExceptions } from './live.js';
