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
  notFound: { en: '{entity} not found', es: '{entity}: no encontrado' },
  conflict: {
    en: 'Someone else changed this {entity} meanwhile',
    es: 'Otra persona ha cambiado este {entity} mientras tanto',
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
