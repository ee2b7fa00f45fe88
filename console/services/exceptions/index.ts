/** Policy exceptions: the lead's policy runs read `liveExceptions`. */
export { liveExceptions } from './live.js';
