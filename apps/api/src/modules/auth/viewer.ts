import type { Actor, Locale } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import type { User } from '../users/user.entity.js';

/** The signed-in user of a request, with what authorization needs already loaded. */
export interface Viewer {
  readonly user: User;
  readonly actor: Actor;
  /** The user's own team (KAMs), used to decide who they may see. */
  readonly teamId: string | null;
  readonly sessionId: string;
}

/** What every use case receives: its unit of work, who is asking, and in which language. */
export interface Scope {
  readonly em: EntityManager;
  readonly viewer: Viewer | null;
  readonly locale: Locale;
}
