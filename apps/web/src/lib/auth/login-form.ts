import { loginInput } from '@clave/domain';
import type { FieldIssue } from '$lib/graphql/documents';
import { m } from '$lib/paraglide/messages';

export const LOGIN_FIELDS = ['email', 'password'] as const;
export type LoginField = (typeof LOGIN_FIELDS)[number];

/** Client-side problems as message functions, so they re-render in the language the user switches to. */
export type LocalFieldErrors = Partial<Record<LoginField, () => string>>;

/** The checks worth doing before a round trip; the server validates everything again. */
export function validateLogin(values: { email: string; password: string }): LocalFieldErrors {
  const errors: LocalFieldErrors = {};
  if (!values.email.trim()) errors.email = m.login_email_required;
  else if (!loginInput.shape.email.safeParse(values.email).success) errors.email = m.login_email_invalid;
  if (!values.password) errors.password = m.login_password_required;
  return errors;
}

/** The server's validation issues placed under the field they name; the rest shown above the form. */
export function placeIssues(issues: readonly FieldIssue[]): {
  fields: Partial<Record<LoginField, string>>;
  other: string[];
} {
  const fields: Partial<Record<LoginField, string>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    // Paths name the argument, possibly nested (["email"], ["input", "email"]).
    const field = LOGIN_FIELDS.find((f) => issue.path.includes(f));
    if (field && !fields[field]) fields[field] = issue.message;
    else if (!field) other.push(issue.message);
  }
  return { fields, other };
}
