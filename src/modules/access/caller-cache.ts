import type { EventSubscriber, FlushEventArgs, MikroORM, TransactionEventArgs } from '@mikro-orm/core';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../config';
import { clock } from '../../shared/clock';
import type { ApiToken } from './api-token.entity';

// Who a bearer token is, remembered between requests. A dashboard sends the same token many
// times a second, and reading it (a statement, a round trip) was a third of the stakeholder
// page's time. What the cache must never do is keep a token working after it was revoked, its
// user switched off (SCIM, archiveUser) or their role or scope changed. So:
// - every flush that changes anything forgets every token (mutations are rare next to reads),
//   and again when its transaction commits; while such a transaction is open, nothing is
//   remembered or answered from memory;
// - a lookup that started before a forget does not store what it read (it may be the old row);
// - on PostgreSQL that transaction also sends NOTIFY, delivered to every server process of the
//   register at commit, and each forgets; a process that cannot listen (its listening connection
//   is down) remembers nothing until it listens again;
// - expiry is checked on every request from the remembered row, and nothing is kept longer
//   than TTL_MS, for what reaches the database without the ORM (a hand-made UPDATE).

const CHANNEL = 'stakeholder_register_access';
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RELISTEN_MS = 1_000;

export class CallerCache implements EventSubscriber {
  private readonly entries = new Map<string, { token: ApiToken; at: number }>();
  private generation = 0;
  /** Transactions that changed something and have not ended. */
  private readonly open = new Set<unknown>();
  private listening: boolean;
  private listener: Client | null = null;
  private relisten: NodeJS.Timeout | null = null;
  private closed = false;

  /** Counters for tests and metrics: answers from memory, and forgets. */
  hits = 0;
  forgets = 0;

  constructor(private readonly database: DatabaseConfig) {
    // SQLite is one process's: a flush here is every change there is.
    this.listening = database.kind === 'sqlite';
  }

  /** Registers with the ORM's flushes and, on PostgreSQL, starts listening. */
  async start(orm: MikroORM): Promise<void> {
    orm.em.getEventManager().registerSubscriber(this);
    if (this.database.kind === 'postgresql') await this.listen();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.relisten) clearTimeout(this.relisten);
    this.listening = false;
    this.forget();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** The generation a lookup starts in: pass it to `store`. */
  begin(): number {
    return this.generation;
  }

  lookup(secretHash: string): ApiToken | undefined {
    if (!this.usable()) return undefined;
    const entry = this.entries.get(secretHash);
    if (!entry) return undefined;
    if (clock.millis() - entry.at > TTL_MS) {
      this.entries.delete(secretHash);
      return undefined;
    }
    this.hits++;
    return entry.token;
  }

  /** Remembers a token read from the database, unless something changed since the lookup began. */
  store(secretHash: string, token: ApiToken, generation: number): void {
    if (generation !== this.generation || !this.usable()) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(secretHash, { token, at: clock.millis() });
  }

  forget(): void {
    this.generation++;
    this.forgets++;
    this.entries.clear();
  }

  private usable(): boolean {
    return this.listening && this.open.size === 0;
  }

  async afterFlush({ em, uow }: FlushEventArgs): Promise<void> {
    if (uow.getChangeSets().length === 0 && uow.getCollectionUpdates().length === 0) return;
    this.forget();
    const transaction = em.getTransactionContext();
    if (transaction) this.open.add(transaction);
    // Inside the transaction, NOTIFY is delivered when it commits (and never if it rolls back).
    if (this.database.kind === 'postgresql') await em.getConnection().execute(`select pg_notify('${CHANNEL}', '')`, [], 'all', transaction);
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    this.ended(transaction);
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    this.ended(transaction);
  }

  private ended(transaction: unknown): void {
    if (transaction && this.open.delete(transaction)) this.forget();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.database.url });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.forget();
      client.end().catch(() => undefined);
      if (!this.closed) this.relisten = setTimeout(() => void this.listen().catch(() => undefined), RELISTEN_MS).unref();
    };
    client.on('notification', () => this.forget());
    client.on('error', lost);
    client.on('end', lost);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      if (this.listener === client && !this.closed) {
        // What was read before this connection listened may be stale: start afresh.
        this.forget();
        this.listening = true;
      }
    } catch {
      lost();
    }
  }
}
