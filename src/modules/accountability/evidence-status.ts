import type { LocalDate } from '../../shared/dates';
import { dayLiteral } from '../../shared/sql';

// Whether a moment is documented on a day: it has evidence that existed by then and was not
// corrected by then. A document "exists" from its own date (documentDate); evidence registered
// before documents were dated has none and counts from the start. Pure, with its SQL twin.

/** What the rule needs to know about one evidence entry. */
export interface EvidenceFacts {
  id: string;
  documentDate?: LocalDate | null;
  /** The id of the entry it corrects. */
  supersedesId?: string | null;
}

const existsBy = (e: EvidenceFacts, asOf: LocalDate) => !e.documentDate || e.documentDate <= asOf;

/** The entries that count on `asOf`: dated by then, and not superseded by an entry dated by then. */
export function currentEvidence<E extends EvidenceFacts>(evidence: readonly E[], asOf: LocalDate): E[] {
  const corrected = new Set(evidence.filter((e) => e.supersedesId && existsBy(e, asOf)).map((e) => e.supersedesId));
  return evidence.filter((e) => existsBy(e, asOf) && !corrected.has(e.id));
}

/** Whether the moment's evidence documents it on `asOf` (at least one entry counts). */
export function isDocumented(evidence: readonly EvidenceFacts[], asOf: LocalDate): boolean {
  return currentEvidence(evidence, asOf).length > 0;
}

/** The same rule as `isDocumented`, as an SQL condition over a moment row `m`. */
export function documentedSql(asOf: LocalDate, m = 'm'): string {
  const day = dayLiteral(asOf);
  return `exists (select 1 from evidence_document e where e.moment_id = ${m}.id and (e.document_date is null or e.document_date <= ${day})
    and not exists (select 1 from evidence_document c where c.supersedes_id = e.id and (c.document_date is null or c.document_date <= ${day})))`;
}
