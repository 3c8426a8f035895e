// Creating and editing an account: the draft, the checks made before sending (the API's own rules
// from @clave/domain), the variables of createAccount / updateAccount, who sees which part of the
// form, and where the server's field issues go. The API stays the judge of every rule.
import {
  ACCOUNT_ADDRESS_MAX,
  ACCOUNT_TIERS,
  type AccountTier,
  accountAddress,
  name as nameSchema,
  type Role,
} from '@clave/domain';

export interface AccountDraft {
  name: string;
  segment: string;
  tier: AccountTier | '';
  /** Global id of the owner, '' while none is chosen. */
  ownerId: string;
  /** Global ids of the supporting team members. */
  supporterIds: string[];
  /** Days between visits, as read by the number field (null when empty or unreadable). */
  visitCadenceDays: number | null;
  /** Street address for directions ('' for none). */
  address: string;
}

export type AccountField =
  | 'name'
  | 'segment'
  | 'tier'
  | 'ownerId'
  | 'supporterIds'
  | 'visitCadenceDays'
  | 'address';
/** `true` for a problem found here (the form words it), a string for the server's message. */
export type AccountErrors = Partial<Record<AccountField, true | string>>;

/** The fields in the order the form shows them (the first invalid one gets the focus). */
export const ACCOUNT_FIELDS: readonly AccountField[] = [
  'name',
  'segment',
  'tier',
  'ownerId',
  'supporterIds',
  'visitCadenceDays',
  'address',
];

export { ACCOUNT_ADDRESS_MAX };

/** Owner, tier and supporters are management decisions (managers of the team, admins). */
export const MANAGED_FIELDS: readonly AccountField[] = ['tier', 'ownerId', 'supporterIds'];

export const CADENCE_MIN = 1;
export const CADENCE_MAX = 365;
export const DEFAULT_CADENCE = 30;

export function emptyAccountDraft(): AccountDraft {
  return {
    name: '',
    segment: '',
    tier: '',
    ownerId: '',
    supporterIds: [],
    visitCadenceDays: DEFAULT_CADENCE,
    address: '',
  };
}

export interface AccountOnRecord {
  name: string;
  segment: string;
  tier: AccountTier;
  visitCadenceDays: number;
  address?: string | null;
  owner: { id: string };
  supporters: readonly { id: string }[];
}

export function draftOfAccount(account: AccountOnRecord): AccountDraft {
  return {
    name: account.name,
    segment: account.segment,
    tier: account.tier,
    ownerId: account.owner.id,
    supporterIds: account.supporters.map((s) => s.id),
    visitCadenceDays: account.visitCadenceDays,
    address: account.address ?? '',
  };
}

/**
 * Who may create accounts: managers (for their team) and admins (createAccount refuses KAMs).
 * Who may change owner, tier and supporters and archive: an admin, or a manager of the account's
 * team — and a manager only ever sees their team's accounts, so any account a manager can open.
 */
export const canCreateAccounts = (role: Role): boolean => role === 'ADMIN' || role === 'MANAGER';
export const canManageAccounts = canCreateAccounts;

/** Every field that breaks the API's rules; `manage` says whether owner, tier and supporters are in the form. */
export function validateAccount(draft: AccountDraft, manage: boolean): AccountErrors {
  const errors: AccountErrors = {};
  if (!nameSchema(200).safeParse(draft.name).success) errors.name = true;
  if (!nameSchema(120).safeParse(draft.segment).success) errors.segment = true;
  const cadence = draft.visitCadenceDays;
  if (cadence === null || !Number.isInteger(cadence) || cadence < CADENCE_MIN || cadence > CADENCE_MAX) {
    errors.visitCadenceDays = true;
  }
  if (!accountAddress.safeParse(draft.address).success) errors.address = true;
  if (manage) {
    if (!(ACCOUNT_TIERS as readonly string[]).includes(draft.tier)) errors.tier = true;
    if (draft.ownerId === '') errors.ownerId = true;
    if (
      draft.supporterIds.includes(draft.ownerId) ||
      new Set(draft.supporterIds).size !== draft.supporterIds.length
    )
      errors.supporterIds = true;
  }
  return errors;
}

/** `createAccount` input from a valid draft. */
export function toCreateInput(draft: AccountDraft): {
  name: string;
  segment: string;
  tier: AccountTier;
  ownerId: string;
  supporterIds: string[];
  visitCadenceDays: number;
  address?: string;
} {
  const address = draft.address.trim();
  return {
    ...(address === '' ? {} : { address }),
    name: draft.name.trim(),
    segment: draft.segment.trim(),
    tier: draft.tier as AccountTier,
    ownerId: draft.ownerId,
    supporterIds: [...draft.supporterIds],
    visitCadenceDays: draft.visitCadenceDays ?? DEFAULT_CADENCE,
  };
}

export interface AccountUpdateInput {
  name?: string;
  segment?: string;
  tier?: AccountTier;
  ownerId?: string;
  supporterIds?: string[];
  visitCadenceDays?: number;
  /** '' removes the address. */
  address?: string;
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');

/**
 * `updateAccount` input with only what changed; the managed fields only when `manage` (a KAM who
 * sent them would be refused as a whole). Null when nothing changed.
 */
export function toUpdateInput(
  draft: AccountDraft,
  original: AccountDraft,
  manage: boolean,
): AccountUpdateInput | null {
  const input: AccountUpdateInput = {};
  if (draft.name.trim() !== original.name) input.name = draft.name.trim();
  if (draft.segment.trim() !== original.segment) input.segment = draft.segment.trim();
  if (draft.visitCadenceDays !== null && draft.visitCadenceDays !== original.visitCadenceDays)
    input.visitCadenceDays = draft.visitCadenceDays;
  if (draft.address.trim() !== original.address.trim()) input.address = draft.address.trim();
  if (manage) {
    if (draft.tier !== '' && draft.tier !== original.tier) input.tier = draft.tier;
    if (draft.ownerId !== '' && draft.ownerId !== original.ownerId) input.ownerId = draft.ownerId;
    if (!sameMembers(draft.supporterIds, original.supporterIds)) input.supporterIds = [...draft.supporterIds];
  }
  return Object.keys(input).length > 0 ? input : null;
}

export interface ServerIssue {
  path: readonly (string | number)[];
  message: string;
}

/** The server's issues on the fields they name (`supporterIds.2` on supporters); the rest are general. */
export function placeAccountIssues(issues: readonly ServerIssue[]): {
  fields: AccountErrors;
  general: string[];
} {
  const fields: AccountErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const head = issue.path[0] === 'input' ? String(issue.path[1] ?? '') : String(issue.path[0] ?? '');
    if ((ACCOUNT_FIELDS as readonly string[]).includes(head)) {
      const field = head as AccountField;
      if (typeof fields[field] !== 'string') fields[field] = issue.message;
    } else {
      general.push(issue.message);
    }
  }
  return { fields, general };
}

export interface Person {
  id: string;
  name: string;
  role: Role;
}

/**
 * The people the form offers as owner and supporters: the users the viewer can see (Query.users:
 * a manager themselves and their team, an admin everyone) without admins, who never own nor
 * support accounts. That is exactly who the API lets them assign. People already on the account
 * stay offered. By name, each once.
 */
export function assignablePeople(
  users: readonly Person[],
  current: readonly Person[] = [],
  collator: Intl.Collator = new Intl.Collator(),
): Person[] {
  const byId = new Map<string, Person>();
  for (const person of [...users, ...current])
    if (person.role !== 'ADMIN' && !byId.has(person.id)) byId.set(person.id, person);
  return [...byId.values()].sort((a, b) => collator.compare(a.name, b.name));
}
