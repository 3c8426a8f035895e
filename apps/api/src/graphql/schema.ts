import { builder } from './builder.js';
import { describeGenerated } from './describe-generated.js';
import './errors.js';
import '../modules/users/user.graphql.js';
import '../modules/auth/auth.graphql.js';
import '../modules/accounts/account.graphql.js';

export const schema = describeGenerated(builder.toSchema({ sortSchema: true }));
