import type { AccountStatus, AccountTier, Role } from '@clave/domain';
import { m } from '$lib/paraglide/messages';

type Label = () => string;

/** Display names of the domain's enums; `Record` makes a new enum value a type error until it has a label. */
export const roleLabel: Record<Role, Label> = {
  ADMIN: m.role_admin,
  MANAGER: m.role_manager,
  KAM: m.role_kam,
};

export const tierLabel: Record<AccountTier, Label> = {
  STRATEGIC: m.tier_strategic,
  KEY: m.tier_key,
  DEVELOPMENT: m.tier_development,
};

export const statusLabel: Record<AccountStatus, Label> = {
  ACTIVE: m.status_active,
  ARCHIVED: m.status_archived,
};
