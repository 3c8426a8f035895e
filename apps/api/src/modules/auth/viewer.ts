import type { Actor, Locale, TokenScope } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import type { User } from '../users/user.entity.js';

/** The signed-in user of a request, with what authorization needs already loaded. */
export interface Viewer {
  readonly user: User;
  readonly actor: Actor;
  /** The user's own team (KAMs), used to decide who they may see. */
  readonly teamId: string | null;
  /** How the request authenticated: a browser session, or an API token narrowed by its scopes. */
  readonly credential:
    | { readonly kind: 'session'; readonly sessionId: string }
    | { readonly kind: 'token'; readonly tokenId: string; readonly scopes: readonly TokenScope[] };
}

/** Whether the viewer may use `scope`: sessions carry every scope, tokens only theirs. */
export function hasScope(viewer: Viewer | null, scope: TokenScope): boolean {
  if (!viewer) return false;
  return viewer.credential.kind === 'session' || viewer.credential.scopes.includes(scope);
}

/** What every use case receives: its unit of work, who is asking, and in which language. */
export interface Scope {
  readonly em: EntityManager;
  readonly viewer: Viewer | null;
  readonly locale: Locale;
}
