export * from './ministries.js';
export * from './hosts.js';
export * from './users.js';
export * from './hosting-requests.js';
export * from './audit.js';
export * from './compliance.js';
export * from './runs.js';
export * from './backups.js';
