/** Description of the `revision` argument every update mutation takes (optimistic locking). */
export const REVISION_ARG =
  'The `revision` of the record as you read it. If it changed since (someone else saved first), the update is refused with CONFLICT and nothing is written.';
