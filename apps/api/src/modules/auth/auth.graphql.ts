import { InvalidCredentialsError, RateLimitedError, ValidationError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { UserRef } from '../users/user.graphql.js';
import { login, logout } from './auth.service.js';
import { sessionCookie } from './cookies.js';

builder.mutationField('login', (t) =>
  t.field({
    type: UserRef,
    description:
      'Signs in with email and password and sets an HttpOnly session cookie. A wrong email or password ' +
      'gives one generic InvalidCredentialsError; repeated failures are rate limited.',
    args: {
      email: t.arg.string({
        required: true,
        description: 'Sign-in email (case and surrounding spaces ignored).',
      }),
      password: t.arg.string({ required: true, description: 'The password.' }),
    },
    errors: { types: [ValidationError, InvalidCredentialsError, RateLimitedError] },
    resolve: async (_root, args, ctx) => {
      const session = await login(ctx.em, ctx.config, {
        email: args.email,
        password: args.password,
        clientIp: ctx.clientIp,
        userAgent: ctx.request.headers.get('user-agent'),
      });
      ctx.responseCookies.push(sessionCookie(ctx, session.token, session.expiresAt));
      return session.user;
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the current session and clears its cookie. True when a session was ended.',
    resolve: async (_root, _args, ctx) => {
      ctx.responseCookies.push(sessionCookie(ctx, '', new Date(0)));
      if (!ctx.viewer) return false;
      await logout(ctx.em, ctx.viewer);
      return true;
    },
  }),
);
