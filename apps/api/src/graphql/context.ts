import type { Locale } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import type { Config } from '../config.js';
import type { Scope, Viewer } from '../modules/auth/viewer.js';

/** What the HTTP layer hands to yoga for each request (the "server context"). */
export interface RequestExtras {
  readonly em: EntityManager;
  readonly viewer: Viewer | null;
  readonly locale: Locale;
  readonly config: Config;
  readonly clientIp: string;
  /** Set-Cookie values to add to the response (login, logout). */
  readonly responseCookies: string[];
  /** Whether the request came over https (for the cookie's Secure flag). */
  readonly secure: boolean;
}

export interface Context extends RequestExtras, Scope {
  readonly request: Request;
}
