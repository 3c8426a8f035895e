/** The audit trail in the app: a reusable history of any account, plan, action, stakeholder or KPI. */

export { actionLabel, actorLabel, fieldLabel, formatValue, kindLabel } from './format';
export { default as HistoryList } from './HistoryList.svelte';
