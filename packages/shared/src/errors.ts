/**
 * Every error a user of @augeo/shared sees is built in ./errors/: what happened, what to do, and the ARM
 * correlation id when there is one. This module is the one import for all of them.
 */
export * from './errors/augeo-error.js';
export * from './errors/azure-errors.js';
export * from './errors/health-errors.js';
export * from './errors/blue-green-errors.js';
export * from './errors/frontend-errors.js';
export * from './errors/migration-errors.js';
export * from './errors/provision-errors.js';
export * from './errors/operations-errors.js';
