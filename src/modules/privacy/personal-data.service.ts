import type { EntityManager } from '@mikro-orm/core';
import { findOrFail } from '../../shared/crud';
import { ConflictError } from '../../shared/errors';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import { AuditChange } from '../audit/audit.entity';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';

// A contact person's right of access and right to erasure (AVG/GDPR art. 15 and 17). Their
// personal fields are redacted in place (the record stays, so interactions and moments keep
// their shape), and so are the values the audit trail kept of those fields.

export const ERASED = '[erased]';
export const PERSONAL_FIELDS = ['name', 'role', 'email', 'phone'] as const;

export interface PersonalData {
  contact: ContactPerson;
  interactions: Interaction[];
  moments: AccountabilityMoment[];
  auditChanges: AuditChange[];
}

export class PersonalDataService {
  async collect(em: EntityManager, id: string): Promise<PersonalData> {
    const contact = await findOrFail(em, ContactPerson, id);
    const [interactions, moments, auditChanges] = await Promise.all([
      em.find(Interaction, { contactPersons: contact }, { orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }] }),
      em.find(AccountabilityMoment, { participantContacts: contact }, { orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], populate: ['obligation'] }),
      em.find(AuditChange, { entityType: 'ContactPerson', entityId: id }, { populate: ['record'], orderBy: [{ record: { occurredAt: 'asc' } }, { field: 'asc' }] }),
    ]);
    return { contact, interactions, moments, auditChanges };
  }

  /** The export as one JSON document, to hand to the person. */
  document(data: PersonalData, exportedAt: Date): string {
    const c = data.contact;
    return JSON.stringify(
      {
        exportedAt: exportedAt.toISOString(),
        contactPerson: {
          id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone, contactPermitted: c.contactPermitted,
          stakeholder: c.stakeholder.name, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(), archivedAt: c.archivedAt?.toISOString() ?? null,
        },
        interactions: data.interactions.map((i) => ({ occurredOn: i.occurredOn, kind: i.kind, subject: i.subject })),
        accountabilityMoments: data.moments.map((m) => ({ obligation: m.obligation.title, dueOn: m.dueOn, heldOn: m.heldOn })),
        changeHistory: data.auditChanges.map((a) => ({ at: a.record.occurredAt.toISOString(), by: a.record.userName, operation: a.record.operation, field: a.field, before: a.before, after: a.after })),
      },
      null,
      2,
    );
  }

  async erase(em: EntityManager, id: string): Promise<ContactPerson> {
    const contact = await findOrFail(em, ContactPerson, id);
    if (contact.name === ERASED) throw new ConflictError('this contact person was erased already', 'id');
    contact.name = ERASED;
    contact.role = null;
    contact.email = null;
    contact.phone = null;
    contact.contactPermitted = false;
    contact.archivedAt ??= new Date();
    // Flush now so that the audit rows of this very change exist, then redact every kept value.
    await em.flush();
    await em.nativeUpdate(
      AuditChange,
      { entityType: 'ContactPerson', entityId: id, field: { $in: [...PERSONAL_FIELDS] } },
      { before: JSON.stringify(ERASED), after: JSON.stringify(ERASED) },
    );
    return contact;
  }
}
