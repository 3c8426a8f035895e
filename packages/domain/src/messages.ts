import type { Locale } from './enums.js';

/**
 * User-facing messages that the API and the web must word the same way, in every supported
 * language. Schema refinements use these keys as their message; the API translates them (and
 * zod's own messages through zod's locales) for the caller's language.
 */
export const messages = {
  singleLine: { en: 'Must be a single line of text', es: 'Debe ser una sola línea de texto' },
  twoDecimals: { en: 'At most two decimals', es: 'Como máximo dos decimales' },
  noRepeats: { en: 'Values must not repeat', es: 'Los valores no deben repetirse' },
  nothingToUpdate: { en: 'Nothing to update', es: 'No hay nada que actualizar' },
  invalidInput: { en: 'The input is not valid', es: 'Los datos no son válidos' },
  invalidCredentials: { en: 'Invalid email or password', es: 'Correo o contraseña incorrectos' },
  loginRateLimited: {
    en: 'Too many failed sign-in attempts. Try again in {minutes} minutes.',
    es: 'Demasiados intentos fallidos. Vuelve a intentarlo dentro de {minutes} minutos.',
  },
  unauthenticated: { en: 'Please sign in', es: 'Inicia sesión' },
  forbidden: { en: 'You are not allowed to do this', es: 'No tienes permiso para hacer esto' },
  notFound: { en: '{entity} not found', es: 'No se ha encontrado: {entity}' },
  conflict: {
    en: 'Someone else changed this {entity} meanwhile',
    es: 'Otra persona ha modificado este elemento ({entity}) mientras tanto',
  },
  emailTaken: { en: 'A user with this email already exists', es: 'Ya existe un usuario con este correo' },
  csrf: {
    en: 'Request refused: cross-site requests are not allowed',
    es: 'Solicitud rechazada: no se permiten solicitudes entre sitios',
  },
  ownerNotAllowed: {
    en: 'This user cannot own this account',
    es: 'Este usuario no puede ser responsable de esta cuenta',
  },
  supporterNotAllowed: {
    en: 'This user cannot support accounts',
    es: 'Este usuario no puede dar soporte a cuentas',
  },
  accountArchived: { en: 'The account is archived', es: 'La cuenta está archivada' },
  tooManyIds: {
    en: 'Ask for at most {max} ids at once',
    es: 'Pide como máximo {max} identificadores a la vez',
  },
  kpiNotInAccount: {
    en: 'The KPI must belong to the same account',
    es: 'El KPI debe pertenecer a la misma cuenta',
  },
  tokenExpiry: {
    en: 'The expiry must be in the future and at most a year away',
    es: 'La caducidad debe ser futura y como mucho dentro de un año',
  },
  tokenScopeMissing: {
    en: 'This API token lacks the {scope} scope',
    es: 'Este token de API no tiene el permiso {scope}',
  },
  tokenMutationNotAllowed: {
    en: 'API tokens may not call {field}; sign in to the app to do it',
    es: 'Los tokens de API no pueden usar {field}; inicia sesión en la aplicación para hacerlo',
  },
  invalidToken: {
    en: 'The API token is not valid, has expired or was revoked',
    es: 'El token de API no es válido, ha caducado o se ha revocado',
  },
  bodyTooLarge: {
    en: 'The request is too large (at most {max} MB)',
    es: 'La solicitud es demasiado grande (como máximo {max} MB)',
  },
  tokenRateLimited: {
    en: 'This API token made more than {limit} requests in a minute; retry in {seconds} s',
    es: 'Este token de API ha hecho más de {limit} solicitudes en un minuto; reintenta en {seconds} s',
  },
  internal: {
    en: 'Unexpected error. It has been logged; please try again.',
    es: 'Error inesperado. Se ha registrado; inténtalo de nuevo.',
  },
  yearMonth: { en: 'Must be a month written as YYYY-MM', es: 'Debe ser un mes con el formato AAAA-MM' },
  phoneNumber: { en: 'Not a valid phone number', es: 'No es un número de teléfono válido' },
  outsidePlanHorizon: {
    en: "Must fall within the plan's horizon",
    es: 'Debe estar dentro del horizonte del plan',
  },
  kpiThresholdOrder: {
    en: "The red threshold must lie beyond the amber one, on the worse side for the KPI's direction",
    es: 'El umbral rojo debe quedar más allá del ámbar, en el lado peor según la dirección del KPI',
  },
  kpiDefinitionUnknown: {
    en: 'No KPI you may record measurements for has this id',
    es: 'No hay ningún KPI con este id en el que puedas registrar mediciones',
  },
  kpiDefinitionReadOnly: {
    en: 'You may read this KPI but not record measurements for it',
    es: 'Puedes consultar este KPI, pero no registrar mediciones en él',
  },
  kpiDefinitionArchived: {
    en: 'The KPI is archived and takes no more measurements',
    es: 'El KPI está archivado y no admite más mediciones',
  },
  kpiPeriodRepeated: {
    en: 'Another row of this batch falls in the same period of the same KPI',
    es: 'Otra fila de este lote cae en el mismo periodo del mismo KPI',
  },
  kpiTemplateUnknown: {
    en: 'There is no active KPI template with this id',
    es: 'No hay ninguna plantilla de KPI activa con este id',
  },
  kpiWindow: {
    en: 'Give either months (1–120) or both from and to, with from not after to',
    es: 'Indica los meses (1–120) o bien las fechas desde y hasta, sin que desde sea posterior a hasta',
  },
  exactlyOneTarget: {
    en: 'Choose exactly one: a plan action or an opportunity',
    es: 'Elige exactamente una: una acción del plan o una oportunidad',
  },
  rejectionReasonRequired: {
    en: 'A reason is required to reject',
    es: 'Hace falta un motivo para rechazar',
  },
  actionStatusTransition: {
    en: 'A plan action cannot go from {from} to {to}',
    es: 'Una acción del plan no puede pasar de {from} a {to}',
  },
  healthNoVisits: { en: 'No visits logged yet', es: 'Aún no hay visitas registradas' },
  healthVisitOverdue: {
    en: 'Days since the last visit: {days} (expected every {cadence})',
    es: 'Días desde la última visita: {days} (se espera cada {cadence})',
  },
  healthRecentVisit: {
    en: 'Last visit within the expected cadence ({days} of {cadence} days)',
    es: 'Última visita dentro de la cadencia esperada ({days} de {cadence} días)',
  },
  healthLowAcceptance: {
    en: 'Low client acceptance: {average} out of 5 in recent visits',
    es: 'Aceptación baja del cliente: {average} de 5 en las visitas recientes',
  },
  healthGoodAcceptance: {
    en: 'High client acceptance: {average} out of 5 in recent visits',
    es: 'Alta aceptación del cliente: {average} de 5 en las visitas recientes',
  },
  healthActionsOverdue: {
    en: 'Overdue plan actions: {count}',
    es: 'Acciones del plan vencidas: {count}',
  },
  healthActionsDoneLate: {
    en: 'Plan actions completed after their due date: {count}',
    es: 'Acciones del plan completadas fuera de plazo: {count}',
  },
  healthActionsOnTime: {
    en: '{percent}% of plan actions completed on time',
    es: '{percent} % de las acciones del plan completadas a tiempo',
  },
  noActivePlan: {
    en: 'The account has no active plan to add actions to',
    es: 'La cuenta no tiene un plan activo al que añadir acciones',
  },
  planClosed: {
    en: 'The plan is closed and can no longer change',
    es: 'El plan está cerrado y ya no se puede modificar',
  },
  actionOwnerNotAllowed: {
    en: 'The owner must be someone who works on this account',
    es: 'El responsable debe ser alguien que trabaje en esta cuenta',
  },
  objectiveNotInPlan: {
    en: 'The objective belongs to another plan',
    es: 'El objetivo pertenece a otro plan',
  },
  resourceRequestAlreadyDecided: {
    en: 'This request has already been decided',
    es: 'Esta solicitud ya está decidida',
  },
  targetNotInAccount: {
    en: 'It does not belong to this account',
    es: 'No pertenece a esta cuenta',
  },
  actionCancelledIsFinal: {
    en: 'A cancelled action cannot change status; create a new action instead',
    es: 'Una acción cancelada no puede cambiar de estado; crea una acción nueva',
  },
  actionDoneOnlyReopens: {
    en: 'A completed action can only be reopened (back to IN_PROGRESS)',
    es: 'Una acción completada solo se puede reabrir (volver a EN CURSO)',
  },
  stakeholderNotInAccount: {
    en: 'Must be a stakeholder of this account',
    es: 'Debe ser una persona de contacto de esta cuenta',
  },
  reportingCycle: {
    en: 'This reporting line would go round in a circle',
    es: 'Esta línea de dependencia formaría un círculo',
  },
  stakeholderArchived: {
    en: 'The stakeholder is archived',
    es: 'La persona de contacto está archivada',
  },
  visitInFuture: {
    en: 'A visit cannot be dated more than a day ahead',
    es: 'Una visita no puede tener fecha de más de un día en el futuro',
  },
  visitIdTaken: {
    en: 'This visit id is already in use',
    es: 'Este identificador de visita ya está en uso',
  },
  firstOutOfRange: { en: 'Ask for between 1 and 100 items', es: 'Pide entre 1 y 100 elementos' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(
  key: MessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The best supported locale for an Accept-Language header (or navigator.languages joined),
 * honouring q-weights; English when nothing matches.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'es' || base === 'en') return base;
  }
  return 'en';
}

/** What each entity is called in each language, for messages that name one. */
export const entityNames = {
  Account: { en: 'Account', es: 'cuenta' },
  AccountPlan: { en: 'Account plan', es: 'plan de cuenta' },
  AccountProfile: { en: 'Account profile', es: 'perfil de la cuenta' },
  KpiDefinition: { en: 'KPI', es: 'KPI' },
  KpiTemplate: { en: 'KPI template', es: 'plantilla de KPI' },
  Objective: { en: 'Objective', es: 'objetivo' },
  Opportunity: { en: 'Opportunity', es: 'oportunidad' },
  PlanAction: { en: 'Plan action', es: 'acción del plan' },
  ResourceRequest: { en: 'Resource request', es: 'solicitud de recursos' },
  Stakeholder: { en: 'Stakeholder', es: 'contacto' },
  Team: { en: 'Team', es: 'equipo' },
  User: { en: 'User', es: 'usuario' },
  Visit: { en: 'Visit', es: 'visita' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The entity's name in `locale`; unknown names are returned as they are. */
export function entityName(entity: string, locale: Locale): string {
  return Object.hasOwn(entityNames, entity)
    ? entityNames[entity as keyof typeof entityNames][locale]
    : entity;
}
