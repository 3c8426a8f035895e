import { builder } from './builder.js';
import './errors.js';
import '../modules/users/user.graphql.js';
import '../modules/auth/auth.graphql.js';
import '../modules/accounts/account.graphql.js';

export const schema = builder.toSchema({ sortSchema: true });
