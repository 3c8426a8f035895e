import {
  ACCOUNT_PROFILE_SECTIONS,
  type AccountProfileSection,
  canWriteAccount,
  updateAccountProfileInput,
} from '@clave/domain';
import { type EntityManager, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { ConflictError, conflictOnRace, ForbiddenError, ValidationError, validate } from '../../errors.js';
import { accessFacts, getReadableAccount, loadAccounts, requireViewer } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { AccountProfile, AccountProfileRevision } from './profile.entity.js';

/**
 * What the API shows of a profile: the stored row, or the empty profile (version 0) of an account
 * nobody has written about yet. Its id is the account's id.
 */
export class ProfileView {
  constructor(
    readonly accountId: string,
    readonly sections: Readonly<Record<AccountProfileSection, string>>,
    readonly version: number,
    readonly updatedAt: Date | null,
    readonly updatedById: string | null,
  ) {}

  static of(accountId: string, row: AccountProfile | null | undefined): ProfileView {
    if (!row) return ProfileView.empty(accountId);
    const sections = Object.fromEntries(ACCOUNT_PROFILE_SECTIONS.map((s) => [s, row[s]])) as Record<
      AccountProfileSection,
      string
    >;
    return new ProfileView(accountId, sections, row.version, row.updatedAt, row.updatedBy?.id ?? null);
  }

  static empty(accountId: string): ProfileView {
    const sections = Object.fromEntries(ACCOUNT_PROFILE_SECTIONS.map((s) => [s, ''])) as Record<
      AccountProfileSection,
      string
    >;
    return new ProfileView(accountId, sections, 0, null, null);
  }
}

/** Profiles of already authorized accounts, in order (empty ones for accounts without a row). */
export async function profilesByAccount(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<ProfileView[]> {
  const rows = await em.find(AccountProfile, { id: { $in: [...accountIds] } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return accountIds.map((id) => ProfileView.of(id, byId.get(id)));
}

/** Profiles by id (= account id) for `node(id:)`: null where the viewer may not read the account. */
export async function loadProfiles(scope: Scope, ids: readonly string[]): Promise<(ProfileView | null)[]> {
  const accounts = await loadAccounts(scope, ids);
  const readable = ids.filter((_, i) => accounts[i] !== null);
  const views = new Map((await profilesByAccount(scope.em, readable)).map((v) => [v.accountId, v]));
  return ids.map((id) => views.get(id) ?? null);
}

export interface HistoryRequest {
  readonly first?: number | null;
  readonly section?: AccountProfileSection | null;
}

/** Who changed which section when, newest first, for already authorized accounts. */
export async function profileHistoryByAccount(
  em: EntityManager,
  accountIds: readonly string[],
  request: HistoryRequest,
): Promise<AccountProfileRevision[][]> {
  const limit = request.first ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw ValidationError.field(['first'], 'firstOutOfRange');
  // One query per account keeps the limit per account; the account page asks for one account.
  return Promise.all(
    accountIds.map((accountId) =>
      em.find(
        AccountProfileRevision,
        { account: accountId, ...(request.section ? { section: request.section } : {}) },
        { orderBy: { at: 'desc', version: 'desc', section: 'asc' }, limit },
      ),
    ),
  );
}

/**
 * Changes the sections sent. Refused with a ConflictError (carrying the profile as it is now)
 * when `expectedVersion` is not the current version, so an offline edit never overwrites a newer
 * one. Each changed section gets a revision row, and the change its audit row, in one transaction.
 */
export async function updateAccountProfile(
  scope: Scope,
  accountId: string,
  input: unknown,
): Promise<ProfileView> {
  const { actor } = requireViewer(scope);
  const data = validate(updateAccountProfileInput, input);
  return conflictOnRace(
    'AccountProfile',
    async () => (await profilesByAccount(scope.em.fork(), [accountId]))[0] ?? null,
    () =>
      scope.em.transactional(async (em) => {
        const account = await getReadableAccount({ ...scope, em }, accountId);
        if (!canWriteAccount(actor, accessFacts(account))) throw new ForbiddenError();
        if (account.status === 'ARCHIVED') throw ValidationError.field([], 'accountArchived');
        const stored = await em.findOne(AccountProfile, { id: accountId });
        const current = ProfileView.of(accountId, stored);
        if (current.version !== data.expectedVersion) throw conflict(current);
        const changed = ACCOUNT_PROFILE_SECTIONS.filter(
          (s) => data[s] !== undefined && data[s] !== current.sections[s],
        );
        if (changed.length === 0) return current;
        const now = new Date();
        const row =
          stored ??
          em.create(AccountProfile, {
            id: accountId,
            account,
            ...current.sections,
            updatedAt: now,
            updatedBy: actor.id,
          });
        for (const section of changed) row[section] = data[section] as string;
        row.updatedAt = now;
        row.updatedBy = em.getReference('User', actor.id) as never;
        await em.flush(); // bumps the version (and detects a concurrent writer)
        for (const section of changed) {
          em.create(AccountProfileRevision, {
            id: newId(),
            account,
            section,
            before: current.sections[section],
            after: row[section],
            version: row.version,
            author: actor.id,
            at: now,
          });
        }
        recordAudit(em, {
          actorId: actor.id,
          entityType: 'AccountProfile',
          entityId: accountId,
          action: stored ? 'UPDATE' : 'CREATE',
          before: Object.fromEntries(changed.map((s) => [s, current.sections[s]])),
          after: Object.fromEntries(changed.map((s) => [s, row[s]])),
        });
        return ProfileView.of(accountId, row);
      }),
    // Another writer got there between our read and our write (or created the profile first):
    // answer as for a stale version.
    (error) => error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException,
  );
}

function conflict(current: ProfileView): ConflictError {
  return new ConflictError('AccountProfile', current, current.version);
}
