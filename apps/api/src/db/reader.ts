import type { EntityManager } from '@mikro-orm/core';

/**
 * For aggregates that read only a few columns: a fork keeps those partial rows out of the
 * request's identity map, where they would stand in for the full entities other fields load
 * (a PlanAction without its version, an AccountRevenue without its year).
 */
export const reader = (em: EntityManager): EntityManager => em.fork();
