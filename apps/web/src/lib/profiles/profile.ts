// The client profile ("know the client") on the phone and the desk: what a save sends, what waits in
// the outbox, a conflict section by section, and the history of changes as readable differences.
import { ACCOUNT_PROFILE_SECTIONS, type AccountProfileSection } from '@clave/domain';

export const PROFILE_SECTIONS = ACCOUNT_PROFILE_SECTIONS;
export type ProfileSection = AccountProfileSection;
export type ProfileTexts = Record<ProfileSection, string>;

export const isProfileSection = (value: unknown): value is ProfileSection =>
  typeof value === 'string' && (PROFILE_SECTIONS as readonly string[]).includes(value);

/**
 * A profile as the API gives it: the history section's text is `historyText` (the API's
 * `AccountProfile.history` lists the changes).
 */
export type ProfileOnApi = Partial<Record<Exclude<ProfileSection, 'history'>, string | null>> & {
  historyText?: string | null;
};

/** The nine texts of a profile as the API gives them (a missing one reads as empty). */
export function textsOf(profile: ProfileOnApi | null | undefined): ProfileTexts {
  const read = (profile ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    PROFILE_SECTIONS.map((s) => {
      const text = read[s === 'history' ? 'historyText' : s];
      return [s, typeof text === 'string' ? text : ''];
    }),
  ) as ProfileTexts;
}

/** What `updateAccountProfile` is sent with (the outbox's `OutboxVariables['updateAccountProfile']`). */
export type ProfileVariables = {
  accountId: string;
  input: { expectedVersion: number } & Partial<ProfileTexts>;
};

/**
 * The `updateAccountProfile` variables for the sections whose text differs from what was read, or
 * null when nothing changed (then nothing is queued).
 */
export function toProfileVariables(
  accountId: string,
  expectedVersion: number,
  edited: Partial<ProfileTexts>,
  original: ProfileTexts,
): ProfileVariables | null {
  const changed = PROFILE_SECTIONS.filter((s) => edited[s] !== undefined && edited[s] !== original[s]);
  if (changed.length === 0) return null;
  return {
    accountId,
    input: { expectedVersion, ...Object.fromEntries(changed.map((s) => [s, edited[s] as string])) },
  };
}

interface QueuedWrite {
  kind: string;
  state: string;
  variables: Record<string, unknown>;
}

const profileWrites = (entries: readonly QueuedWrite[], accountId: string): QueuedWrite[] =>
  entries.filter((e) => e.kind === 'updateAccountProfile' && e.variables.accountId === accountId);

/** The sections the user changed and the outbox still holds (the latest write of each wins). */
export function queuedSections(entries: readonly QueuedWrite[], accountId: string): Partial<ProfileTexts> {
  const texts: Partial<ProfileTexts> = {};
  for (const entry of profileWrites(entries, accountId)) {
    const input = (entry.variables.input ?? {}) as Record<string, unknown>;
    for (const section of PROFILE_SECTIONS) {
      const text = input[section];
      if (typeof text === 'string') texts[section] = text;
    }
  }
  return texts;
}

/**
 * The version a new save is made over: the one its earlier, still queued writes were made over
 * (the outbox re-bases them in a row as each lands), else the newest the screen knows of.
 */
export function versionToSend(known: number, entries: readonly QueuedWrite[], accountId: string): number {
  const queued = profileWrites(entries, accountId).filter(
    (e) => e.state === 'pending' || e.state === 'syncing',
  );
  const last = queued.at(-1)?.variables.input as { expectedVersion?: number } | undefined;
  return typeof last?.expectedVersion === 'number' ? last.expectedVersion : known;
}

export interface SectionConflict {
  section: ProfileSection;
  mine: string;
  theirs: string;
}

/** The sections a write in conflict changes: the user's text and the server's, side by side. */
export function profileConflict(variables: Record<string, unknown>, current: unknown): SectionConflict[] {
  const input = (variables.input ?? {}) as Record<string, unknown>;
  const server = textsOf(current as ProfileOnApi | null | undefined);
  return PROFILE_SECTIONS.filter((s) => typeof input[s] === 'string').map((section) => ({
    section,
    mine: input[section] as string,
    theirs: server[section],
  }));
}

export interface Revision {
  section: ProfileSection;
  before: string;
  after: string;
  version: number;
  at: string;
  author: { id: string; name: string } | null;
}

export interface ChangeSet {
  version: number;
  at: string;
  author: { id: string; name: string } | null;
  changes: Revision[];
}

/** The history (newest first) grouped by save: one save may change several sections. */
export function groupBySave(revisions: readonly Revision[]): ChangeSet[] {
  const sets: ChangeSet[] = [];
  for (const revision of revisions) {
    const last = sets.at(-1);
    if (last && last.version === revision.version && last.at === revision.at) last.changes.push(revision);
    else
      sets.push({ version: revision.version, at: revision.at, author: revision.author, changes: [revision] });
  }
  for (const set of sets) {
    set.changes.sort((a, b) => PROFILE_SECTIONS.indexOf(a.section) - PROFILE_SECTIONS.indexOf(b.section));
  }
  return sets;
}

export type DiffPart =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  /** Unchanged text left out of a long section; `text` is what was left out. */
  | { kind: 'gap'; text: string };

/** Words with the spaces after them, so a diff never splits a word and joins back to the text. */
const tokens = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

/** Beyond this many word pairs a diff shows the whole before as removed and the after as added. */
const MAX_CELLS = 2_000_000;

/** What changed between two texts, word by word (longest common subsequence). */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (kind: 'same' | 'added' | 'removed', text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push('removed', midA.join(''));
    push('added', midB.join(''));
  } else {
    // lcs[i][j]: longest common run of midA[i..] and midB[j..].
    const n = midA.length;
    const m = midB.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      const row = lcs[i] as Uint32Array;
      const below = lcs[i + 1] as Uint32Array;
      for (let j = m - 1; j >= 0; j--) {
        row[j] =
          midA[i] === midB[j]
            ? (below[j + 1] as number) + 1
            : Math.max(below[j] as number, row[j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('same', midA[i++] as string);
        j++;
      } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
        push('removed', midA[i++] as string);
      } else {
        push('added', midB[j++] as string);
      }
    }
    while (i < n) push('removed', midA[i++] as string);
    while (j < m) push('added', midB[j++] as string);
  }
  push('same', a.slice(endA).join(''));
  return parts;
}

/**
 * Long unchanged stretches folded to their ends, so a change in a long section shows what changed
 * with a little context around it (`context` characters each side).
 */
export function foldUnchanged(parts: readonly DiffPart[], context = 60): DiffPart[] {
  const folded: DiffPart[] = [];
  parts.forEach((part, index) => {
    const first = index === 0;
    const last = index === parts.length - 1;
    const keep = (first ? 0 : context) + (last ? 0 : context);
    if (part.kind !== 'same' || part.text.length <= keep + 40) {
      folded.push(part);
      return;
    }
    const head = first ? '' : cutAfter(part.text, context);
    const tail = last ? '' : cutBefore(part.text, context);
    if (head) folded.push({ kind: 'same', text: head });
    folded.push({ kind: 'gap', text: part.text.slice(head.length, part.text.length - tail.length) });
    if (tail) folded.push({ kind: 'same', text: tail });
  });
  return folded;
}

/** About `n` characters from the start, ending at a space when there is one near. */
function cutAfter(text: string, n: number): string {
  const space = text.indexOf(' ', n);
  return text.slice(0, space === -1 || space > n + 20 ? n : space + 1);
}

/** About `n` characters from the end, starting after a space when there is one near. */
function cutBefore(text: string, n: number): string {
  const from = text.length - n;
  const space = text.lastIndexOf(' ', from);
  return text.slice(space === -1 || space < from - 20 ? from : space + 1);
}

/** A text longer than this is shown folded (its first lines, with a way to read it all). */
export const LONG_TEXT = 280;
