// A stand-in for the Clave API at the HTTP level, for the outbox's tests: it answers the outbox's
// mutations the way the real server does (typed results, idempotent visits, versioned actions), and
// can drop the network or lose an answer after doing the work.
import { Client, fetchExchange } from '@urql/core';

interface StoredVisit {
  uuid: string;
  content: string;
  purpose: string;
  acceptance: number;
}

export interface FakeAction {
  id: string;
  version: number;
  title: string;
  status: string;
  progress: number;
  updates: { at: string; note: string }[];
}

type Mode = 'up' | 'down' | 'lose-answer' | 'unauthenticated' | 'error-500' | 'masked-error';

export interface FakeStakeholder {
  id: string;
  version: number;
  name: string;
  title: string | null;
  decisionRole: string;
  attitude: string;
  email: string | null;
  phone: string | null;
  reportsToId: string | null;
  /** The create input, to tell a re-send from another stakeholder under the same id. */
  content?: string;
}

export class FakeApi {
  /** Whose session the cookie carries (`me`); null when signed out. */
  sessionUser: string | null = 'VXNlcjphbmE=';
  /** `me` questions the server answered. */
  sessionChecks = 0;
  stakeholders = new Map<string, FakeStakeholder>();
  requests = new Map<string, { content: string; description: string }>();
  /** Plan actions created through createPlanAction, by the client-made id, with their create input. */
  createdActions = new Map<string, { content: string; title: string }>();
  visits = new Map<string, StoredVisit>();
  actions = new Map<string, FakeAction>();
  measurements = new Map<string, number>();
  /** Requests that reached the server (whether or not their answer came back). */
  received: { operation: string; variables: Record<string, unknown> }[] = [];
  /** How the next requests are treated; `once` modes fall back to 'up' after one request. */
  mode: Mode = 'up';
  /** The server's clock (tests share theirs with it). */
  now: () => number = Date.now;
  #onceMode: Mode | null = null;

  once(mode: Mode): void {
    this.#onceMode = mode;
  }

  addAction(action: Partial<FakeAction> & { id: string }): FakeAction {
    const stored = { version: 1, title: 'Action', status: 'PLANNED', progress: 0, updates: [], ...action };
    this.actions.set(action.id, stored);
    return stored;
  }

  client(): Client {
    return new Client({
      url: 'http://api.test/graphql',
      preferGetMethod: false,
      exchanges: [fetchExchange],
      fetch: (_url, init) => this.fetch(String(init?.body ?? '{}')),
    });
  }

  async fetch(body: string): Promise<Response> {
    const parsed = JSON.parse(body) as { operationName: string };
    // The outbox's session check follows the lasting mode only: a one-off mode is for the write after it.
    if (parsed.operationName === 'OutboxSession') return this.#session();
    const mode = this.#onceMode ?? this.mode;
    this.#onceMode = null;
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (mode === 'error-500') return new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' });
    if (mode === 'unauthenticated') {
      return json({
        data: null,
        errors: [{ message: 'Please sign in', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    if (mode === 'masked-error') return json({ data: null, errors: [{ message: 'Unexpected error.' }] });
    const { operationName, variables } = JSON.parse(body) as {
      operationName: string;
      variables: Record<string, unknown>;
    };
    this.received.push({ operation: operationName, variables });
    const data = this.#answer(operationName, variables);
    if (mode === 'lose-answer') throw new TypeError('Network connection lost');
    return json({ data });
  }

  #session(): Response {
    if (this.mode === 'down') throw new TypeError('Failed to fetch');
    if (this.mode === 'error-500')
      return new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' });
    this.sessionChecks++;
    const signedIn = this.mode !== 'unauthenticated' && this.sessionUser !== null;
    return json({ data: { me: signedIn ? { __typename: 'User', id: this.sessionUser } : null } });
  }

  addStakeholder(person: Partial<FakeStakeholder> & { id: string }): FakeStakeholder {
    const stored: FakeStakeholder = {
      version: 1,
      name: 'Person',
      title: null,
      decisionRole: 'USER',
      attitude: 'NEUTRAL',
      email: null,
      phone: null,
      reportsToId: null,
      ...person,
    };
    this.stakeholders.set(person.id, stored);
    return stored;
  }

  #stakeholderOnServer(s: FakeStakeholder): unknown {
    const { content: _content, reportsToId, ...rest } = s;
    return {
      __typename: 'Stakeholder',
      ...rest,
      archived: false,
      reportsTo: reportsToId ? { __typename: 'Stakeholder', id: reportsToId, name: 'Boss' } : null,
    };
  }

  #createStakeholder(input: Record<string, unknown>): unknown {
    if (typeof input.name !== 'string' || input.name.trim() === '') {
      return validation('The stakeholder has errors.', [['input', 'name'], 'Give a name.']);
    }
    const id = `S:${String(input.id)}`;
    const content = JSON.stringify(input);
    const stored = this.stakeholders.get(id);
    if (stored && stored.content !== content) {
      return {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        message: 'Someone changed it first.',
        currentVersion: stored.version,
        current: this.#stakeholderOnServer(stored),
      };
    }
    const person =
      stored ??
      this.addStakeholder({
        id,
        name: input.name,
        decisionRole: String(input.decisionRole),
        title: (input.title as string | undefined) ?? null,
        content,
      });
    return {
      __typename: 'CreateStakeholderSuccess',
      data: { __typename: 'Stakeholder', id, version: person.version, name: person.name },
    };
  }

  #updateStakeholder(id: string, input: Record<string, unknown>): unknown {
    const person = this.stakeholders.get(id);
    if (!person) return { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Not found.' };
    if (input.expectedVersion !== undefined && input.expectedVersion !== person.version) {
      return {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        message: 'Someone changed it first.',
        currentVersion: person.version,
        current: this.#stakeholderOnServer(person),
      };
    }
    for (const field of [
      'name',
      'title',
      'decisionRole',
      'attitude',
      'email',
      'phone',
      'reportsToId',
    ] as const) {
      if (input[field] !== undefined) (person as unknown as Record<string, unknown>)[field] = input[field];
    }
    person.version++;
    return {
      __typename: 'UpdateStakeholderSuccess',
      data: { __typename: 'Stakeholder', id, version: person.version, name: person.name },
    };
  }

  #createRequest(input: Record<string, unknown>): unknown {
    const id = String(input.id);
    const content = JSON.stringify(input);
    const stored = this.requests.get(id);
    if (stored && stored.content !== content) {
      return {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        message: 'Someone changed it first.',
        currentVersion: 1,
        current: { __typename: 'ResourceRequest', id: `R:${id}`, description: stored.description },
      };
    }
    this.requests.set(id, stored ?? { content, description: String(input.description) });
    return {
      __typename: 'CreateResourceRequestSuccess',
      data: { __typename: 'ResourceRequest', id: `R:${id}`, version: 1, status: 'PENDING' },
    };
  }

  #createAction(input: Record<string, unknown>): unknown {
    if (typeof input.title !== 'string' || input.title.trim() === '') {
      return validation('The action has errors.', [['input', 'title'], 'Write what will be done.']);
    }
    const id = String(input.id);
    const content = JSON.stringify(input);
    const stored = this.createdActions.get(id);
    if (stored && stored.content !== content) {
      return {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        message: 'Someone changed it first.',
        currentVersion: 1,
        current: { __typename: 'PlanAction', id: `A:${id}`, version: 1, title: stored.title },
      };
    }
    this.createdActions.set(id, stored ?? { content, title: input.title });
    return {
      __typename: 'CreatePlanActionSuccess',
      data: {
        __typename: 'PlanAction',
        id: `A:${id}`,
        version: 1,
        title: input.title,
        status: input.status ?? 'PLANNED',
        progress: input.progress ?? 0,
      },
    };
  }

  #answer(operation: string, variables: Record<string, unknown>): unknown {
    switch (operation) {
      case 'OutboxCreateStakeholder':
        return { createStakeholder: this.#createStakeholder(variables.input as Record<string, unknown>) };
      case 'OutboxUpdateStakeholder':
        return {
          updateStakeholder: this.#updateStakeholder(
            String(variables.id),
            variables.input as Record<string, unknown>,
          ),
        };
      case 'OutboxCreateResourceRequest':
        return {
          createResourceRequest: this.#createRequest(variables.input as Record<string, unknown>),
        };
      case 'OutboxCreatePlanAction':
        return { createPlanAction: this.#createAction(variables.input as Record<string, unknown>) };
      case 'OutboxLogVisit':
        return { logVisit: this.#logVisit(variables.input as Record<string, unknown>) };
      case 'OutboxUpdatePlanAction':
        return {
          updatePlanAction: this.#updateAction(
            String(variables.id),
            variables.input as Record<string, unknown>,
          ),
        };
      case 'OutboxRecordKpiMeasurements':
        return { recordKpiMeasurements: this.#record(variables.input as { measurements: Measurement[] }) };
      default:
        throw new Error(`The fake API does not know ${operation}`);
    }
  }

  #logVisit(input: Record<string, unknown>): unknown {
    const acceptance = Number(input.acceptance);
    if (!(acceptance >= 1 && acceptance <= 5)) {
      return validation('The visit has errors.', [['input', 'acceptance'], 'Acceptance goes from 1 to 5.']);
    }
    const uuid = String(input.id);
    const content = JSON.stringify(input);
    const stored = this.visits.get(uuid);
    if (stored && stored.content !== content) {
      return {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        message: 'Someone changed it first.',
        currentVersion: 0,
        current: {
          __typename: 'Visit',
          id: `V:${uuid}`,
          uuid,
          purpose: stored.purpose,
          acceptance: stored.acceptance,
        },
      };
    }
    const visit = stored ?? { uuid, content, purpose: String(input.purpose), acceptance };
    this.visits.set(uuid, visit);
    return {
      __typename: 'LogVisitSuccess',
      data: { __typename: 'Visit', id: `V:${uuid}`, uuid, occurredAt: input.occurredAt, createdActions: [] },
    };
  }

  #updateAction(id: string, input: Record<string, unknown>): unknown {
    const action = this.actions.get(id);
    if (!action) return { __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Not found.' };
    if (input.expectedVersion !== action.version) {
      return {
        __typename: 'ConflictError',
        code: 'CONFLICT',
        message: 'Someone changed it first.',
        currentVersion: action.version,
        current: {
          __typename: 'PlanAction',
          ...action,
          description: '',
          dueDate: '2026-12-01',
          updatedAt: '2026-11-27T10:00:00.000Z',
          owner: { __typename: 'User', id: 'U:1', name: 'Ana' },
          objective: null,
          updates: action.updates.map((u) => ({ __typename: 'PlanActionUpdate', ...u })),
        },
      };
    }
    if (input.progress !== undefined && (Number(input.progress) < 0 || Number(input.progress) > 100)) {
      return validation('The change has errors.', [['input', 'progress'], 'Progress goes from 0 to 100.']);
    }
    if (typeof input.status === 'string') action.status = input.status;
    if (typeof input.progress === 'number') action.progress = input.progress;
    if (typeof input.note === 'string')
      action.updates.push({ at: new Date(this.now()).toISOString(), note: input.note });
    action.version++;
    return {
      __typename: 'UpdatePlanActionSuccess',
      data: {
        __typename: 'PlanAction',
        id,
        version: action.version,
        status: action.status,
        progress: action.progress,
        updatedAt: new Date(this.now()).toISOString(),
      },
    };
  }

  #record(input: { measurements: Measurement[] }): unknown {
    let created = 0;
    for (const m of input.measurements) {
      const key = `${m.kpiDefinitionId}|${m.periodStart}`;
      if (!this.measurements.has(key)) created++;
      this.measurements.set(key, m.value);
    }
    const stored = input.measurements.length;
    return {
      __typename: 'RecordKpiMeasurementsSuccess',
      data: { __typename: 'KpiMeasurementBatch', stored, created, updated: stored - created },
    };
  }
}

interface Measurement {
  kpiDefinitionId: string;
  periodStart: string;
  value: number;
}

function validation(message: string, ...issues: [string[], string][]): unknown {
  return {
    __typename: 'ValidationError',
    code: 'VALIDATION',
    message,
    issues: issues.map(([path, text]) => ({ __typename: 'FieldIssue', path, message: text })),
  };
}

function json(payload: unknown): Response {
  return new Response(JSON.stringify(payload), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
