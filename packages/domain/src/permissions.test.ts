import { describe, expect, it } from 'vitest';
import type { Role } from './enums.js';
import {
  type AccountAccessFacts,
  type Actor,
  canAdminister,
  canAssignOwner,
  canDecideResourceRequest,
  canManageAccount,
  canReadAccount,
  canReadUser,
  canWriteAccount,
} from './permissions.js';

/*
 * The cast of SPEC.md "Who may do what": team T1 is led by manager m1 and holds the owner KAM, a
 * supporting KAM and another KAM; team T2 is led by m2 and holds a KAM who has nothing to do with
 * the account.
 */
const T1 = 'team-1';
const T2 = 'team-2';

interface Person {
  readonly actor: Actor;
  readonly teamId: string | null;
}

const person = (id: string, role: Role, teamId: string | null, ledTeamIds: string[] = []): Person => ({
  actor: { id, role, ledTeamIds },
  teamId,
});

const cast = {
  ownerKam: person('kam-owner', 'KAM', T1),
  supportingKam: person('kam-support', 'KAM', T1),
  sameTeamKam: person('kam-same-team', 'KAM', T1),
  otherTeamKam: person('kam-other-team', 'KAM', T2),
  teamManager: person('mgr-1', 'MANAGER', null, [T1]),
  otherManager: person('mgr-2', 'MANAGER', null, [T2]),
  admin: person('admin', 'ADMIN', null),
} as const;
type Who = keyof typeof cast;

const account: AccountAccessFacts = {
  ownerId: cast.ownerKam.actor.id,
  ownerTeamId: T1,
  supporterIds: [cast.supportingKam.actor.id],
};

type Expectations = Record<Who, boolean>;

const matrix: Record<string, { check: (actor: Actor) => boolean; expected: Expectations }> = {
  canReadAccount: {
    check: (a) => canReadAccount(a, account),
    expected: {
      ownerKam: true,
      supportingKam: true,
      sameTeamKam: false,
      otherTeamKam: false,
      teamManager: true,
      otherManager: false,
      admin: true,
    },
  },
  canWriteAccount: {
    // Admins read everything but do not do the KAM's work.
    check: (a) => canWriteAccount(a, account),
    expected: {
      ownerKam: true,
      supportingKam: true,
      sameTeamKam: false,
      otherTeamKam: false,
      teamManager: true,
      otherManager: false,
      admin: false,
    },
  },
  canManageAccount: {
    check: (a) => canManageAccount(a, account),
    expected: {
      ownerKam: false,
      supportingKam: false,
      sameTeamKam: false,
      otherTeamKam: false,
      teamManager: true,
      otherManager: false,
      admin: true,
    },
  },
  canDecideResourceRequest: {
    check: (a) => canDecideResourceRequest(a, account),
    expected: {
      ownerKam: false,
      supportingKam: false,
      sameTeamKam: false,
      otherTeamKam: false,
      teamManager: true,
      otherManager: false,
      admin: false,
    },
  },
  canAdminister: {
    check: (a) => canAdminister(a),
    expected: {
      ownerKam: false,
      supportingKam: false,
      sameTeamKam: false,
      otherTeamKam: false,
      teamManager: false,
      otherManager: false,
      admin: true,
    },
  },
  canReadUserOfOwnerKam: {
    check: (a) => {
      const who = Object.values(cast).find((p) => p.actor === a);
      const owner = cast.ownerKam;
      return canReadUser(
        a,
        { id: owner.actor.id, teamId: owner.teamId, ledTeamIds: [] },
        who?.teamId ?? null,
      );
    },
    expected: {
      ownerKam: true,
      supportingKam: true,
      sameTeamKam: true,
      otherTeamKam: false,
      teamManager: true,
      otherManager: false,
      admin: true,
    },
  },
  canAssignOwnerKamOfTeam1: {
    check: (a) => canAssignOwner(a, { id: cast.sameTeamKam.actor.id, role: 'KAM', teamId: T1 }),
    expected: {
      ownerKam: false,
      supportingKam: false,
      sameTeamKam: false,
      otherTeamKam: false,
      teamManager: true,
      otherManager: false,
      admin: true,
    },
  },
};

describe.each(Object.entries(matrix))('%s', (_name, { check, expected }) => {
  it.each(Object.entries(expected) as [Who, boolean][])('%s → %s', (who, allowed) => {
    expect(check(cast[who].actor)).toBe(allowed);
  });
});

describe('account edge cases', () => {
  it('gives no manager access to an account whose owner has no team', () => {
    const teamless: AccountAccessFacts = { ownerId: 'kam-x', ownerTeamId: null, supporterIds: [] };
    expect(canReadAccount(cast.teamManager.actor, teamless)).toBe(false);
    expect(canReadAccount(cast.admin.actor, teamless)).toBe(true);
  });

  it('lets a manager who owns an account read, write and manage it', () => {
    const owned: AccountAccessFacts = {
      ownerId: cast.otherManager.actor.id,
      ownerTeamId: null,
      supporterIds: [],
    };
    const m = cast.otherManager.actor;
    expect([canReadAccount(m, owned), canWriteAccount(m, owned), canManageAccount(m, owned)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('does not let a supporter id grant access to a non-KAM', () => {
    const supportedByManager: AccountAccessFacts = { ...account, supporterIds: [cast.otherManager.actor.id] };
    expect(canReadAccount(cast.otherManager.actor, supportedByManager)).toBe(false);
  });
});

describe('canReadUser', () => {
  const managerUser = { id: cast.teamManager.actor.id, teamId: null, ledTeamIds: [T1] };

  it("lets a KAM see the manager who leads the KAM's team", () => {
    expect(canReadUser(cast.sameTeamKam.actor, managerUser, T1)).toBe(true);
  });

  it('hides a manager from KAMs of other teams', () => {
    expect(canReadUser(cast.otherTeamKam.actor, managerUser, T2)).toBe(false);
  });

  it('lets a teamless user see only themselves', () => {
    const loner = person('kam-loner', 'KAM', null);
    expect(canReadUser(loner.actor, { id: 'kam-loner', teamId: null, ledTeamIds: [] }, null)).toBe(true);
    expect(canReadUser(loner.actor, { id: 'someone', teamId: null, ledTeamIds: [] }, null)).toBe(false);
  });
});

describe('canAssignOwner', () => {
  const kamOfTeam2 = { id: cast.otherTeamKam.actor.id, role: 'KAM', teamId: T2 } as const;
  const teamlessKam = { id: 'kam-loner', role: 'KAM', teamId: null } as const;
  const adminUser = { id: cast.admin.actor.id, role: 'ADMIN', teamId: null } as const;
  const self = { id: cast.teamManager.actor.id, role: 'MANAGER', teamId: null } as const;

  it('lets a manager give an account to themselves', () => {
    expect(canAssignOwner(cast.teamManager.actor, self)).toBe(true);
  });

  it("does not let a manager give an account to another team's KAM", () => {
    expect(canAssignOwner(cast.teamManager.actor, kamOfTeam2)).toBe(false);
  });

  it('does not let a manager give an account to a teamless KAM, but an admin may', () => {
    expect(canAssignOwner(cast.teamManager.actor, teamlessKam)).toBe(false);
    expect(canAssignOwner(cast.admin.actor, teamlessKam)).toBe(true);
  });

  it('never makes an admin the owner', () => {
    expect(canAssignOwner(cast.admin.actor, adminUser)).toBe(false);
    expect(canAssignOwner(cast.teamManager.actor, adminUser)).toBe(false);
  });

  it('never lets a KAM reassign, not even to themselves', () => {
    const me = { id: cast.ownerKam.actor.id, role: 'KAM', teamId: T1 } as const;
    expect(canAssignOwner(cast.ownerKam.actor, me)).toBe(false);
  });
});
