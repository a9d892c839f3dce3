import { ActionStatus } from './interaction.enums';

// Pure rule: no database, no clock.

export interface ActionLike {
  status: ActionStatus;
  dueOn?: string | null;
  completedOn?: string | null;
}

/**
 * Overdue at `asOf`: it has a due date before `asOf`, was not cancelled, and was not
 * completed on or before `asOf` (so asking about a past date gives the answer of that day).
 */
export function isActionOverdue(action: ActionLike, asOf: string): boolean {
  if (!action.dueOn || action.dueOn >= asOf) return false;
  if (action.status === ActionStatus.CANCELLED) return false;
  if (action.status === ActionStatus.DONE && action.completedOn && action.completedOn <= asOf) return false;
  return true;
}
