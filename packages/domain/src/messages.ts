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
  periodReversed: { en: 'Must not be before the start', es: 'No puede ser anterior al inicio' },
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
  pageTooLarge: {
    en: 'Ask for pages of 1 to {max} items (first: 1–{max})',
    es: 'Pide páginas de 1 a {max} elementos (first: 1–{max})',
  },
  backwardPaging: {
    en: 'Backward pagination is not supported; page forward with first and after',
    es: 'No se puede paginar hacia atrás; avanza con first y after',
  },
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
  operationTimeout: {
    en: 'The operation took longer than the limit of {ms} ms and was stopped; nothing it was writing was stored',
    es: 'La operación ha superado el límite de {ms} ms y se ha detenido; no se ha guardado nada de lo que escribía',
  },
  csvUnreadable: { en: 'Cannot read {file}: {reason}', es: 'No se puede leer {file}: {reason}' },
  csvEmpty: { en: 'The file has no data rows', es: 'El archivo no tiene filas de datos' },
  csvMissingColumn: {
    en: 'The header has no "{column}" column (the columns are {columns})',
    es: 'La cabecera no tiene la columna "{column}" (las columnas son {columns})',
  },
  csvUnknownColumn: {
    en: 'Unknown column "{column}" (the columns are {columns})',
    es: 'Columna desconocida "{column}" (las columnas son {columns})',
  },
  csvRepeatedColumn: {
    en: 'The column "{column}" appears twice',
    es: 'La columna "{column}" aparece dos veces',
  },
  csvMalformed: {
    en: 'The line is not valid CSV (unbalanced quotes or a wrong number of fields)',
    es: 'La línea no es CSV válido (comillas sin cerrar o un número de campos incorrecto)',
  },
  csvRequired: { en: 'Required', es: 'Obligatorio' },
  csvNotANumber: {
    en: 'Not a number: "{value}" (write it like {example}, without thousands separators)',
    es: 'No es un número: "{value}" (escríbelo como {example}, sin separador de miles)',
  },
  csvAccountUnknown: {
    en: 'No account named "{account}" that you can see',
    es: 'No hay ninguna cuenta llamada "{account}" que puedas ver',
  },
  csvAccountAmbiguous: {
    en: 'Several accounts are named "{account}"; use the KPI\'s global id instead',
    es: 'Hay varias cuentas llamadas "{account}"; usa el id global del KPI',
  },
  csvKpiUnknown: {
    en: 'No KPI named "{kpi}" in account "{account}"',
    es: 'No hay ningún KPI llamado "{kpi}" en la cuenta "{account}"',
  },
  csvKpiAmbiguous: {
    en: 'Account "{account}" has several KPIs named "{kpi}"; use the KPI\'s global id instead',
    es: 'La cuenta "{account}" tiene varios KPI llamados "{kpi}"; usa el id global del KPI',
  },
  csvKpiNeedsAccount: {
    en: 'Not a KPI global id; to name a KPI by its name, fill the "account" column too',
    es: 'No es un id global de KPI; para indicar un KPI por su nombre, rellena también la columna "account"',
  },
  csvPeriodFormat: {
    en: 'Not a date written as YYYY-MM-DD: "{value}" (e.g. 2026-11-23)',
    es: 'No es una fecha con el formato AAAA-MM-DD: "{value}" (p. ej., 2026-11-23)',
  },
  csvPeriodRepeated: {
    en: 'Line {line} already has a value for the same period of the same KPI',
    es: 'La línea {line} ya tiene un valor para el mismo periodo del mismo KPI',
  },
  csvLine: { en: 'line {line}', es: 'línea {line}' },
  csvMonthFormat: {
    en: 'Not a month written as YYYY-MM: "{value}" (e.g. 2026-11)',
    es: 'No es un mes con el formato AAAA-MM: "{value}" (p. ej., 2026-11)',
  },
  csvMonthRepeated: {
    en: 'Line {line} already has revenue for the same month of the same account',
    es: 'La línea {line} ya tiene facturación para el mismo mes de la misma cuenta',
  },
  csvAccountNameAmbiguous: {
    en: 'Several accounts are named "{account}"; use the account\'s global id instead',
    es: 'Hay varias cuentas llamadas "{account}"; usa el id global de la cuenta',
  },
  csvRevenueImported: {
    en: 'Imported from {file}: {months} month(s) of revenue of {accounts} account(s).',
    es: 'Importado desde {file}: {months} mes(es) de facturación de {accounts} cuenta(s).',
  },
  csvNothingStored: {
    en: '{count} problem(s) found; nothing was stored.',
    es: 'Se han encontrado {count} problema(s); no se ha guardado nada.',
  },
  csvImported: {
    en: 'Imported from {file}: {stored} value(s), {created} new and {updated} replaced.',
    es: 'Importado desde {file}: {stored} valor(es), {created} nuevo(s) y {updated} sustituido(s).',
  },
  cliUserUnknown: {
    en: 'No active user with email "{email}"',
    es: 'No hay ningún usuario activo con el correo "{email}"',
  },
  internal: {
    en: 'Unexpected error. It has been logged; please try again.',
    es: 'Error inesperado. Se ha registrado; inténtalo de nuevo.',
  },
  yearMonth: { en: 'Must be a month written as YYYY-MM', es: 'Debe ser un mes con el formato AAAA-MM' },
  revenueMonthRange: {
    en: 'Must be a month from 2000-01 to the current month',
    es: 'Debe ser un mes entre 2000-01 y el mes actual',
  },
  monthRepeated: { en: 'This month appears more than once', es: 'Este mes aparece más de una vez' },
  monthRange: {
    en: 'Ask for 1 to 120 months, from a month (YYYY-MM) not after the last',
    es: 'Pide de 1 a 120 meses, desde un mes (AAAA-MM) no posterior al último',
  },
  yearHasMonths: {
    en: 'This year has monthly revenue: record its months instead',
    es: 'Este año tiene facturación mensual: registra sus meses',
  },
  currencyCode: {
    en: 'Must be an ISO 4217 currency code, e.g. EUR',
    es: 'Debe ser un código de moneda ISO 4217, p. ej. EUR',
  },
  companyRevenueBelowKeyAccounts: {
    en: "Must be at least the key accounts' revenue of that year",
    es: 'Debe ser al menos la facturación de las cuentas clave de ese año',
  },
  phoneNumber: { en: 'Not a valid phone number', es: 'No es un número de teléfono válido' },
  outsidePlanHorizon: {
    en: "Must fall within the plan's horizon",
    es: 'Debe estar dentro del horizonte del plan',
  },
  planStartOutOfRange: {
    en: 'The start month must be within 5 years of the current month',
    es: 'El mes de inicio debe estar a menos de 5 años del mes actual',
  },
  opportunityNotInAccount: {
    en: 'The opportunity must belong to the same account',
    es: 'La oportunidad debe pertenecer a la misma cuenta',
  },
  planActionIdTaken: {
    en: 'This action id is already in use',
    es: 'Este identificador de acción ya está en uso',
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
  kpiPeriodTooEarly: {
    en: 'A KPI value may not be dated before 1990-01-01',
    es: 'Un valor de KPI no puede tener fecha anterior al 01/01/1990',
  },
  kpiPeriodInFuture: {
    en: "A KPI value may not be dated after the end of the KPI's current period",
    es: 'Un valor de KPI no puede tener fecha posterior al final del periodo actual del KPI',
  },
  kpiMeasurementUnknown: {
    en: 'This KPI has no value for this period',
    es: 'Este KPI no tiene ningún valor para este periodo',
  },
  kpiMeasurementChanged: {
    en: 'This value was changed by someone else in the meantime; reload it and try again',
    es: 'Otra persona ha cambiado este valor mientras tanto; vuelve a cargarlo e inténtalo de nuevo',
  },
  kpiTemplateUnknown: {
    en: 'There is no active KPI template with this id',
    es: 'No hay ninguna plantilla de KPI activa con este id',
  },
  kpiWindow: {
    en: 'Give either months (1–120) or both from and to, with from not after to',
    es: 'Indica los meses (1–120) o bien las fechas desde y hasta, sin que desde sea posterior a hasta',
  },
  kpiForecastTo: {
    en: 'Give either a forecast date or the plan end, and no date more than 10,000 periods ahead',
    es: 'Indica una fecha de previsión o el fin del plan, y ninguna fecha a más de 10.000 periodos vista',
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
  stakeholderIdTaken: {
    en: 'This stakeholder id is already in use',
    es: 'Este identificador de persona de contacto ya está en uso',
  },
  resourceRequestIdTaken: {
    en: 'This request id is already in use',
    es: 'Este identificador de solicitud ya está en uso',
  },
  firstOutOfRange: { en: 'Ask for between 1 and 100 items', es: 'Pide entre 1 y 100 elementos' },
  webhookUrlInvalid: {
    en: 'Enter an absolute http(s) URL, e.g. https://example.com/hooks/clave',
    es: 'Introduce una URL http(s) completa, p. ej. https://example.com/hooks/clave',
  },
  webhookUrlHttpsRequired: {
    en: 'The webhook URL must use https',
    es: 'La URL del webhook debe usar https',
  },
  webhookUrlCredentials: {
    en: 'The webhook URL must not contain a user name or password',
    es: 'La URL del webhook no debe contener usuario ni contraseña',
  },
  webhookUrlPrivateNetwork: {
    en: 'The webhook URL points at a loopback, private or link-local address, which webhooks may not reach',
    es: 'La URL del webhook apunta a una dirección local, privada o de enlace local, a la que los webhooks no pueden llegar',
  },
  webhookEventUnknown: {
    en: 'Unknown event; use visit.logged, plan_action.updated, kpi.status_changed or resource_request.decided',
    es: 'Evento desconocido; usa visit.logged, plan_action.updated, kpi.status_changed o resource_request.decided',
  },
  webhookEventsEmpty: {
    en: 'Choose at least one event',
    es: 'Elige al menos un evento',
  },
  webhookLimit: {
    en: 'A user may have at most 20 webhooks; delete one first',
    es: 'Un usuario puede tener como máximo 20 webhooks; elimina uno primero',
  },
  webhookDeliveryPending: {
    en: 'This delivery is still being attempted; it can be sent again once it has failed or been delivered',
    es: 'Este envío todavía se está intentando; se puede reenviar cuando haya fallado o se haya entregado',
  },
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
  Webhook: { en: 'Webhook', es: 'webhook' },
  WebhookDelivery: { en: 'Webhook delivery', es: 'envío de webhook' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The entity's name in `locale`; unknown names are returned as they are. */
export function entityName(entity: string, locale: Locale): string {
  return Object.hasOwn(entityNames, entity)
    ? entityNames[entity as keyof typeof entityNames][locale]
    : entity;
}
