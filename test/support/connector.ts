import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * A recording Bot Connector: the HTTP service Teams runs at the activity's `serviceUrl`, played on
 * 127.0.0.1 so the real bot can reply, update cards, open 1:1 chats and look members up over HTTP.
 */

/** Every request the bot made, in order. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** The status the connector answered with (after any injected fault). */
  status: number;
  /** When it arrived (ms since the epoch): lets a test check rate limits as Teams counts them. */
  at: number;
}

/** An activity the bot sent: a new message (POST), a reply in a thread, or a card update (PUT). */
export interface SentActivity {
  kind: 'send' | 'reply' | 'update';
  conversationId: string;
  /** The id the connector gave it (send/reply) or the id it updated (update). */
  activityId: string;
  /** For a reply: the activity it replies to. */
  replyToId?: string;
  activity: Partial<Activity>;
}

/** A 1:1 (or channel) conversation the bot opened with POST /v3/conversations. */
export interface CreatedConversation {
  id: string;
  parameters: Record<string, unknown>;
}

/** Someone Teams can tell the bot about (GET …/members/{id}): looked up by Teams user id or Entra object id. */
export interface DirectoryMember {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export interface Fault {
  status: number;
  /** Seconds, sent as Retry-After (429s usually carry one). */
  retryAfter?: number;
  /** Only requests this matches are failed; all by default. */
  when?: (method: string, path: string) => boolean;
}

export interface FakeConnector {
  /** The service URL to put on incoming activities (ends with `/`). */
  url: string;
  requests: RecordedRequest[];
  /** Activities that were accepted (faulted requests are not in here). */
  activities: SentActivity[];
  conversations: CreatedConversation[];
  /** Adds people Teams knows (for getMember). */
  addMembers(...members: DirectoryMember[]): void;
  /** The next `count` matching requests fail with the fault's status. */
  failNext(count: number, fault: Fault): void;
  /** Drops every fault still pending: the connector answers normally again. */
  stopFailing(): void;
  /** The next `count` requests are answered only after `ms` milliseconds (a slow Teams, a turn still in flight). */
  slowDown(count: number, ms: number): void;
  /**
   * From now on every request is accepted and left unanswered (a connector that hangs), until the returned
   * `release` lets them all through; `held` counts the requests waiting, `waitForHeld(n)` resolves once n wait.
   */
  hang(): { release(): void; held(): number; waitForHeld(count: number): Promise<void> };
  /** Activities sent to one conversation (a channel's threads count as the channel). */
  activitiesIn(conversationId: string): SentActivity[];
  /** Resolves once `count` activities (optionally only in one conversation) have been accepted. */
  waitForActivities(count: number, options?: { conversationId?: string; timeoutMs?: number }): Promise<SentActivity[]>;
  /** Forgets what was recorded (members and pending faults stay). */
  clear(): void;
  close(): Promise<void>;
}

const sameConversation = (a: string, b: string) => a.split(';')[0] === b.split(';')[0];

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts the connector on 127.0.0.1 at a free port. */
export async function startConnector(): Promise<FakeConnector> {
  const requests: RecordedRequest[] = [];
  const activities: SentActivity[] = [];
  const conversations: CreatedConversation[] = [];
  const members = new Map<string, DirectoryMember>();
  const faults: (Fault & { left: number })[] = [];
  const delays: { left: number; ms: number }[] = [];
  let gate: { opened: Promise<void>; open(): void; held: number; waiters: Array<{ count: number; resolve(): void }> } | undefined;
  const waiters = new Set<() => void>();
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}-${++sequence}`;

  const accepted = (sent: SentActivity) => {
    activities.push(sent);
    for (const wake of [...waiters]) wake();
  };

  const route = (method: string, parts: string[], body: unknown): { status: number; body?: unknown } => {
    // /v3/conversations[/{id}[/activities[/{activityId}] | /members[/{memberId}]]]
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { status: 404, body: { error: { code: 'NotFound', message: 'No such route' } } };
    const conversationId = parts[2];
    const activity = (body ?? {}) as Partial<Activity>;
    if (method === 'POST' && !conversationId) {
      const parameters = (body ?? {}) as Record<string, unknown>;
      const id = nextId('a:conversation');
      conversations.push({ id, parameters });
      const first = parameters.activity as Partial<Activity> | undefined;
      let activityId: string | undefined;
      if (first) {
        activityId = nextId('activity');
        accepted({ kind: 'send', conversationId: id, activityId, activity: first });
      }
      return { status: 201, body: { id, activityId } };
    }
    if (!conversationId) return { status: 404 };
    if (parts[3] === 'activities') {
      const target = parts[4];
      if (method === 'POST' && !target) {
        const activityId = nextId('activity');
        accepted({ kind: 'send', conversationId, activityId, activity });
        return { status: 201, body: { id: activityId } };
      }
      if (method === 'POST' && target) {
        const activityId = nextId('activity');
        accepted({ kind: 'reply', conversationId, activityId, replyToId: target, activity });
        return { status: 201, body: { id: activityId } };
      }
      if (method === 'PUT' && target) {
        accepted({ kind: 'update', conversationId, activityId: target, activity });
        return { status: 200, body: { id: target } };
      }
      if (method === 'DELETE' && target) return { status: 200 };
    }
    if (parts[3] === 'members' && method === 'GET') {
      if (!parts[4]) return { status: 200, body: [...new Set(members.values())] };
      const member = members.get(parts[4]);
      return member
        ? { status: 200, body: member }
        : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in this conversation.' } } };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: 'No such route' } } };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const at = Date.now();
      const body = await readJson(req);
      const delay = delays.find((d) => d.left > 0);
      if (delay) {
        delay.left -= 1;
        await new Promise((resolve) => setTimeout(resolve, delay.ms));
      }
      const hold = gate;
      if (hold) {
        hold.held += 1;
        for (const w of hold.waiters.filter((x) => hold.held >= x.count)) w.resolve();
        await hold.opened;
      }
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://connector').pathname;
      const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
      const fault = faults.find((f) => f.left > 0 && (!f.when || f.when(method, path)));
      let answer: { status: number; body?: unknown };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault) {
        fault.left -= 1;
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        answer = { status: fault.status, body: { error: { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'Injected fault' } } };
      } else {
        answer = route(method, parts, body);
      }
      requests.push({ method, path, body, headers: req.headers, status: answer.status, at });
      res.writeHead(answer.status, headers);
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    activities,
    conversations,
    addMembers(...list) {
      for (const m of list) {
        members.set(m.id, m);
        members.set(m.aadObjectId, m);
      }
    },
    failNext(count, fault) {
      faults.push({ ...fault, left: count });
    },
    hang() {
      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      const current = { opened, open, held: 0, waiters: [] as Array<{ count: number; resolve(): void }> };
      gate = current;
      return {
        release() {
          if (gate === current) gate = undefined;
          current.open();
        },
        held: () => current.held,
        waitForHeld: (count) => (current.held >= count ? Promise.resolve() : new Promise<void>((resolve) => current.waiters.push({ count, resolve }))),
      };
    },
    stopFailing() {
      faults.length = 0;
    },
    slowDown(count, ms) {
      delays.push({ left: count, ms });
    },
    activitiesIn(conversationId) {
      return activities.filter((a) => sameConversation(a.conversationId, conversationId));
    },
    waitForActivities(count, options = {}) {
      const pick = () => (options.conversationId ? activities.filter((a) => sameConversation(a.conversationId, options.conversationId!)) : activities);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pick().length < count) return;
          cleanup();
          resolve(pick().slice(0, count));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Expected ${count} activities${options.conversationId ? ` in ${options.conversationId}` : ''}, got ${pick().length}.`));
        }, options.timeoutMs ?? 5000);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    clear() {
      requests.length = 0;
      activities.length = 0;
      conversations.length = 0;
    },
    close() {
      gate?.open();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
