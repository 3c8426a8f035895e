import { builder } from './builder.js';
import { describeGenerated } from './describe-generated.js';
import './errors.js';
import '../modules/users/user.graphql.js';
import '../modules/auth/auth.graphql.js';
import '../modules/accounts/account.graphql.js';
import '../modules/portfolio/portfolio.graphql.js';
// Module GraphQL files register their types on import; add new modules above this line.

export const schema = describeGenerated(builder.toSchema({ sortSchema: true }));
