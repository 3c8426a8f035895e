import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { placeIssues, validateLogin } from './login-form';

describe('validateLogin', () => {
  it('accepts an email and a password', () => {
    expect(validateLogin({ email: ' Ana@Clave.dev ', password: 'clave-demo' })).toEqual({});
  });

  it('asks for both fields when they are empty', () => {
    expect(validateLogin({ email: '  ', password: '' })).toEqual({
      email: m.login_email_required,
      password: m.login_password_required,
    });
  });

  it('points out an email that cannot be one', () => {
    expect(validateLogin({ email: 'ana@', password: 'x' })).toEqual({ email: m.login_email_invalid });
  });
});

describe('placeIssues', () => {
  it("puts each issue under the field it names and keeps the field's first message", () => {
    expect(
      placeIssues([
        { path: ['email'], message: 'Invalid email address' },
        { path: ['email'], message: 'Too long' },
        { path: ['input', 'password'], message: 'Too short' },
      ]),
    ).toEqual({ fields: { email: 'Invalid email address', password: 'Too short' }, other: [] });
  });

  it('keeps issues about no field of the form for the message above it', () => {
    expect(placeIssues([{ path: [], message: 'Nothing to update' }])).toEqual({
      fields: {},
      other: ['Nothing to update'],
    });
  });
});
