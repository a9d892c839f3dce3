// The demo's API tokens are public on purpose (README, GraphiQL): they only ever exist in the
// demo database, which `npm run demo` rebuilds at every start.
export const DEMO_TOKENS = {
  /** M. de Vries, bestuurssecretaris: ADMIN, read-write. */
  secretary: 'sr_demo_secretaris_read_write',
  /** The supervisory board's dashboard: VIEWER, read-only. */
  dashboard: 'sr_demo_dashboard_read_only',
} as const;
