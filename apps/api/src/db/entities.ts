import { Account, AccountRevenue } from '../modules/accounts/account.entity.js';
import { AuditEntry } from '../modules/audit/audit.entity.js';
import { RateLimitBucket, Session } from '../modules/auth/session.entity.js';
import { Team, User } from '../modules/users/user.entity.js';

/** Every entity, listed explicitly: no folder scanning, so the bundle and the tests agree. */
export const entities = [Team, User, Session, RateLimitBucket, Account, AccountRevenue, AuditEntry];
