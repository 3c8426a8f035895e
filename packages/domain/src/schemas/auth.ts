import { z } from 'zod';
import { ROLES } from '../enums.js';
import { email, name } from './common.js';

export const loginInput = z.object({
  email,
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof loginInput>;

/** OWASP ASVS: at least 12 characters, no composition rules, an upper bound against hashing DoS. */
export const newPassword = z.string().min(12).max(256);

export const createUserInput = z.object({
  email,
  name: name(120),
  role: z.enum(ROLES),
  teamId: z.uuid().nullish(),
  password: newPassword,
});
export type CreateUserInput = z.infer<typeof createUserInput>;
