// Plain GraphQL over HTTP straight to the API (no proxy, no faults), for what the simulated people
// read and for the final reconciliation. Retries while the server is down or restarting.

const DEMO_PASSWORD = 'clave-demo';

export interface Session {
  readonly baseUrl: string;
  cookie: string | null;
  readonly locale: string;
}

/** The session cookie the response sets, if any (`name=value`, or null when it is cleared). */
export function cookieFrom(response: Response, current: string | null): string | null {
  const setCookie = response.headers.get('set-cookie');
  if (!setCookie) return current;
  const value = setCookie.split(';')[0] ?? '';
  return value.endsWith('=') ? null : value;
}

export async function gql<T>(
  session: Session,
  query: string,
  variables: Record<string, unknown> = {},
  retryForMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + retryForMs;
  for (;;) {
    let response: Response;
    try {
      response = await fetch(`${session.baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          'accept-language': session.locale,
          ...(session.cookie ? { cookie: session.cookie } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    session.cookie = cookieFrom(response, session.cookie);
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (response.status >= 500 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    if (body.errors?.length || !body.data) {
      throw new Error(`GraphQL error (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  }
}

/** Signs in as a demo user (`ana`, or a full email) through the login mutation. */
export async function signIn(baseUrl: string, who: string, locale = 'en'): Promise<Session> {
  const session: Session = { baseUrl, cookie: null, locale };
  const email = who.includes('@') ? who : `${who}@clave.dev`;
  const data = await gql<{ login: { __typename: string } }>(
    session,
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { __typename } }',
    { email, password: DEMO_PASSWORD },
  );
  if (data.login.__typename !== 'LoginSuccess' || !session.cookie)
    throw new Error(`Sign-in as ${email} failed.`);
  return session;
}
