import { builder } from './builder.js';
import { describeGenerated } from './describe-generated.js';
import './errors.js';
import '../modules/users/user.graphql.js';
import '../modules/auth/auth.graphql.js';
import '../modules/accounts/account.graphql.js';
import '../modules/accounts/monthly-revenue.graphql.js';
import '../modules/company/company.graphql.js';
import '../modules/portfolio/portfolio.graphql.js';
import '../modules/portfolio/health.graphql.js';
import '../modules/portfolio/desk.graphql.js';
import '../modules/profiles/profile.graphql.js';
import '../modules/stakeholders/stakeholder.graphql.js';
import '../modules/visits/visit.graphql.js';
import '../modules/kpis/kpi.graphql.js';
import '../modules/kpis/kpi-mutations.graphql.js';
import '../modules/opportunities/opportunity.graphql.js';
import '../modules/resources/resource-request.graphql.js';
import '../modules/plans/plan.graphql.js';
import '../modules/plans/plan-action.graphql.js';
import '../modules/plans/objective.graphql.js';
import '../modules/plans/plan-revenue.graphql.js';
import '../modules/tokens/token.graphql.js';
import '../modules/webhooks/webhook.graphql.js';
import '../modules/audit/audit.graphql.js';
// Module GraphQL files register their types on import; add new modules above this line.

export const schema = describeGenerated(builder.toSchema({ sortSchema: true }));
