import type { EntityClass, EntityManager, FilterQuery, MikroORM } from '@mikro-orm/core';
import { findOrFail } from '../../shared/crud';
import { ConflictError } from '../../shared/errors';
import { allOf, sqlCondition } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';
import { dialectOf, placeholders } from '../../shared/sql';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import { EvidenceDocument } from '../accountability/evidence-document.entity';
import { AuditChange } from '../audit/audit.entity';
import { FollowUpAction } from '../interaction/follow-up-action.entity';
import { Commitment } from '../commitment/commitment.entity';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson, PERSONAL_FIELDS } from '../stakeholder/contact-person.entity';
import { clock } from '../../shared/clock';

// A contact person's right of access and right to erasure (AVG/GDPR art. 15 and 17). Their
// personal fields are redacted in place (the record stays, so interactions and moments keep
// their shape), and so are the values the audit trail kept of those fields. What others wrote
// about them goes too: their name, e-mail address and phone number, as they are now and as
// they were, are cut out of the free text of interactions, follow-up actions, moments, commitments and
// evidence that mention them, and out of the audit values of those fields.

export const ERASED = '[erased]';
/** The values searched for in free text; a role ("voorzitter") names a position, not a person. */
const IDENTIFYING_FIELDS = ['name', 'email', 'phone'] as const;
/** Shorter values would match inside unrelated words. */
const MIN_TERM_LENGTH = 3;

interface FreeText<T extends object = any> {
  entity: EntityClass<T>;
  /** Text fields, or lists of texts (`internalParticipants`). */
  fields: string[];
  /** The records linked to the contact person; each is checked whatever the database's LIKE finds. */
  linked: (contact: ContactPerson) => FilterQuery<T>;
}

/** Where people write about people. */
const FREE_TEXT: FreeText[] = [
  { entity: Interaction, fields: ['subject', 'summary', 'internalParticipants'], linked: (c) => ({ contactPersons: c }) },
  { entity: FollowUpAction, fields: ['description', 'assignee'], linked: (c) => ({ interaction: { contactPersons: c } }) },
  { entity: AccountabilityMoment, fields: ['minutes', 'waiverReason'], linked: (c) => ({ participantContacts: c }) },
  { entity: EvidenceDocument, fields: ['title', 'reference'], linked: (c) => ({ moment: { participantContacts: c } }) },
  { entity: Commitment, fields: ['description', 'madeBy', 'deliveryEvidence', 'deliveryNote', 'withdrawalReason'], linked: (c) => ({ contactPersons: c }) },
];

/** The values to cut out, and how to find them. */
class Terms {
  private readonly pattern: RegExp;

  constructor(readonly values: string[]) {
    // Longest first, so that a longer name is cut whole; any run of white space matches any other.
    const sources = [...values].sort((a, b) => b.length - a.length).map((v) => v.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
    this.pattern = new RegExp(sources.join('|'), 'giu');
  }

  /** The text with every occurrence, in any letter case, replaced by [erased]. */
  redact(text: string): string {
    return text.replace(this.pattern, ERASED);
  }

  /** A JSON value with every string in it redacted. */
  redactJson(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((v) => this.redactJson(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactJson(v)]));
    return value;
  }

  /**
   * LIKE patterns that find at least every text holding a value: the longest word of each
   * value of plain ASCII letters, lower-cased, as SQLite's lower() folds only ASCII letters.
   * The texts found are then redacted with the exact, case-insensitive pattern above.
   */
  likePatterns(): string[] {
    const patterns = this.values.map((v) => {
      const words = v.split(/[^\x21-\x7e]+/).filter((w) => w.length >= MIN_TERM_LENGTH);
      const word = words.sort((a, b) => b.length - a.length)[0] ?? v;
      return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    });
    return [...new Set(patterns)];
  }
}

/** `lower(cast(a.col as text)) like ? …` for every column and pattern, OR-ed. */
function mentions<T>(columns: string[], patterns: string[]): FilterQuery<T> {
  const conditions = columns.flatMap((c) => patterns.map(() => c));
  return sqlCondition<T>((a) => `(${conditions.map((c) => `lower(cast(${a}.${c} as text)) like ? escape '\\'`).join(' or ')})`, columns.flatMap(() => patterns));
}

export interface PersonalData {
  contact: ContactPerson;
  interactions: Interaction[];
  moments: AccountabilityMoment[];
  auditChanges: AuditChange[];
}

export class PersonalDataService {
  async collect(em: EntityManager, id: string): Promise<PersonalData> {
    const contact = await findOrFail(em, ContactPerson, id);
    // What a portfolio scope lets the caller see of it (visibility.ts), like every other answer.
    const [interactions, moments, auditChanges] = await Promise.all([
      em.find(Interaction, allOf<Interaction>({ contactPersons: contact }, visibleWhere(em, Interaction)), { orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }] }),
      em.find(AccountabilityMoment, allOf<AccountabilityMoment>({ participantContacts: contact }, visibleWhere(em, AccountabilityMoment)), { orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], populate: ['obligation'] }),
      em.find(AuditChange, { entityType: 'ContactPerson', entityId: id }, { populate: ['record'], orderBy: [{ record: { occurredAt: 'asc' } }, { field: 'asc' }] }),
    ]);
    return { contact, interactions, moments, auditChanges };
  }

  /** The export as one JSON document, to hand to the person; `hidden` fields (contact details withheld from the caller) as null. */
  document(data: PersonalData, exportedAt: Date, hidden: (field: string) => boolean = () => false): string {
    const c = data.contact;
    const shown = <T>(field: string, value: T): T | null => (hidden(field) ? null : value);
    return JSON.stringify(
      {
        exportedAt: exportedAt.toISOString(),
        contactPerson: {
          id: c.id, name: c.name, role: c.role, email: shown('email', c.email), phone: shown('phone', c.phone), contactPermitted: c.contactPermitted,
          stakeholder: c.stakeholder.name, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(), archivedAt: c.archivedAt?.toISOString() ?? null,
        },
        interactions: data.interactions.map((i) => ({ occurredOn: i.occurredOn, kind: i.kind, subject: i.subject })),
        accountabilityMoments: data.moments.map((m) => ({ obligation: m.obligation.title, dueOn: m.dueOn, heldOn: m.heldOn })),
        changeHistory: data.auditChanges.map((a) => {
          // The whole record ('*', kept when one was deleted) holds the contact details too.
          const withheld = a.field === '*' ? hidden('email') || hidden('phone') : hidden(a.field);
          return { at: a.record.occurredAt.toISOString(), by: a.record.userName, operation: a.record.operation, field: a.field, before: withheld ? null : a.before, after: withheld ? null : a.after };
        }),
      },
      null,
      2,
    );
  }

  async erase(em: EntityManager, id: string): Promise<ContactPerson> {
    const contact = await findOrFail(em, ContactPerson, id);
    if (contact.name === ERASED) throw new ConflictError('this contact person was erased already', 'id');
    // Read before anything is redacted: what she is called now and was called before.
    const terms = await this.termsFor(em, contact);
    contact.name = ERASED;
    contact.role = null;
    contact.email = null;
    contact.phone = null;
    contact.contactPermitted = false;
    contact.archivedAt ??= clock.now();
    // Flush now so that the audit rows of this very change exist, then redact every kept value.
    await em.flush();
    await em.nativeUpdate(
      AuditChange,
      { entityType: 'ContactPerson', entityId: id, field: { $in: [...PERSONAL_FIELDS] } },
      { before: JSON.stringify(ERASED), after: JSON.stringify(ERASED) },
    );
    if (terms.values.length) {
      await this.redactFreeText(em, contact, terms);
      await this.redactFreeTextAudit(em, terms);
    }
    return contact;
  }

  /** Her current name, e-mail and phone, and every earlier one the audit trail kept. */
  private async termsFor(em: EntityManager, contact: ContactPerson): Promise<Terms> {
    const values = new Set<string>([contact.name, contact.email ?? '', contact.phone ?? '']);
    const history = await em.find(AuditChange, { entityType: 'ContactPerson', entityId: contact.id, field: { $in: [...IDENTIFYING_FIELDS] } });
    for (const change of history) {
      for (const json of [change.before, change.after]) {
        const value = json == null ? null : (JSON.parse(json) as unknown);
        if (typeof value === 'string') values.add(value);
      }
    }
    return new Terms([...values].map((v) => v.trim()).filter((v) => v.length >= MIN_TERM_LENGTH && v !== ERASED));
  }

  /**
   * Redacts the free text of the records linked to her and of any other record whose text
   * mentions her. Through the unit of work, so that each redaction raises the record's
   * revision and is recorded, with the erasure, in the audit trail (whose values are redacted next).
   */
  private async redactFreeText(em: EntityManager, contact: ContactPerson, terms: Terms): Promise<void> {
    const patterns = terms.likePatterns();
    for (const { entity, fields, linked } of FREE_TEXT) {
      const meta = em.getMetadata().get(entity.name);
      const columns = fields.map((f) => meta.properties[f].fieldNames[0]);
      const [byLink, byText] = await Promise.all([em.find(entity, linked(contact)), em.find(entity, mentions(columns, patterns))]);
      for (const record of new Set([...byLink, ...byText])) {
        for (const field of fields) {
          const value = record[field] as unknown;
          if (Array.isArray(value)) {
            const redacted = value.map((v) => (typeof v === 'string' ? terms.redact(v) : v));
            if (redacted.some((v, i) => v !== value[i])) record[field] = redacted;
          } else if (typeof value === 'string') {
            const length = meta.properties[field].length;
            const redacted = terms.redact(value);
            // [erased] may be longer than what it replaces.
            if (redacted !== value) record[field] = length && redacted.length > length ? redacted.slice(0, length) : redacted;
          }
        }
      }
    }
    await em.flush();
  }

  /** Redacts the same values in what the audit trail kept of those fields (deleted records' snapshots included). */
  private async redactFreeTextAudit(em: EntityManager, terms: Terms): Promise<void> {
    const types = FREE_TEXT.map((f) => f.entity.name);
    const fields = [...new Set(FREE_TEXT.flatMap((f) => f.fields)), '*'];
    const candidates = await em.find(AuditChange, {
      $and: [
        sqlCondition<AuditChange>((a) => `${a}.entity_type in (${placeholders(types)}) and ${a}.field in (${placeholders(fields)})`, [...types, ...fields]),
        mentions<AuditChange>(['before', 'after'], terms.likePatterns()),
      ],
    });
    for (const change of candidates) {
      for (const side of ['before', 'after'] as const) {
        const json = change[side];
        if (json == null) continue;
        const redacted = JSON.stringify(terms.redactJson(JSON.parse(json)));
        if (redacted !== json) change[side] = redacted;
      }
    }
    await em.flush();
  }

  /**
   * SQLite appends every page a transaction writes to the -wal file, so the versions of the
   * pages from before the erasure, her values in them, stay there until a checkpoint copies
   * the newest into the database file (where secure_delete, set on every connection, has
   * zeroed what was replaced) and TRUNCATE empties the WAL. Runs after the erasure committed.
   * False when a reader (a backup, say) held on to the WAL beyond the busy timeout; the next
   * checkpoint, or closing the database, finishes the job.
   */
  async checkpoint(orm: MikroORM): Promise<boolean> {
    if (dialectOf(orm.em) !== 'sqlite') return true;
    const [result] = await orm.em.getConnection().execute<{ busy: number; log: number; checkpointed: number }[]>('pragma wal_checkpoint(TRUNCATE)');
    return result?.busy === 0;
  }
}
