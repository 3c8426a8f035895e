export * from './enums.js';
export * from './messages.js';
export * from './permissions.js';
export * from './schemas/accounts.js';
export * from './schemas/auth.js';
export * from './schemas/common.js';
